/*
 * libargot/rt/crt0.S - entry of a program linked with libargot_rt.
 * The kernel (first process) or rt_spawn (other processes) starts the one
 * thread here with 0(%esp) holding a pointer to the start data.  We align
 * the stack for gcc, call rt_main(ptr) and exit with its value.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	movl	(%esp), %eax
	xorl	%ebp, %ebp		/* end of frame chain for debuggers */
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	rt_main
	pushl	%eax
	call	rt_exit
	ud2

/* New threads of rt_thread_create start here with %eax pointing at their
 * start block (rt/thread.c) on their own stack. */
	.globl	rt_thread_entry
	.type	rt_thread_entry, @function
rt_thread_entry:
	xorl	%ebp, %ebp
	andl	$-16, %esp
	subl	$12, %esp
	pushl	%eax
	call	rt_thread_start
	ud2
	.section .note.GNU-stack,"",@progbits
