/*
 * arch/i386/entry.S - every way into the kernel after boot, and the
 * context switch.  Each vector pushes a dummy error code when the CPU
 * does not, then its number; alltraps completes a struct trapframe.
 */
	.text
	.globl vectors
	.align 16
vectors:
	.set i, 0
	.rept 48
	.align 16
	.if (i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30)
	.else
	pushl $0
	.endif
	pushl $i
	jmp alltraps
	.set i, i + 1
	.endr

	.globl vec_syscall
	.align 16
vec_syscall:
	pushl $0
	pushl $0x40
	jmp alltraps

alltraps:
	pushal
	pushl %ds
	pushl %es
	pushl %fs
	pushl %gs
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	pushl %esp
	call trap
	addl $4, %esp
	.globl trapret
trapret:
	popl %gs
	popl %fs
	popl %es
	popl %ds
	popal
	addl $8, %esp
	iret

/* void swtch(uint32_t *save_esp, uint32_t new_esp): callee-saved
 * registers live on the old stack; the new stack holds the same. */
	.globl swtch
swtch:
	movl 4(%esp), %eax
	movl 8(%esp), %edx
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl %esp, (%eax)
	movl %edx, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

/* A new thread's first swtch returns here, above its trapframe. */
	.globl thread_start
thread_start:
	call thread_first_run
	jmp trapret

	.section .note.GNU-stack, "", @progbits
