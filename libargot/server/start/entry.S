/*
 * libargot/server/start/entry.S - entry of a freestanding program loaded
 * by exec: the stack holds  argc, argv, envp and the auxiliary vector, as
 * on Linux.  Hand its address to argot_xstart (start.c).
 */
	.text
	.globl	argot_xentry
	.type	argot_xentry, @function
argot_xentry:
	movl	%esp, %eax
	xorl	%ebp, %ebp
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	argot_xstart
	ud2
	.section .note.GNU-stack,"",@progbits
