/*
 * libc/personality/entry.S - the personality's entry points in assembly.
 *
 * __argot_syscall is what musl calls instead of trapping into Linux
 * (AT_SYSINFO, then %gs:16; the patched int $128 sites call __sysinfo).
 * It keeps the Linux vsyscall contract: number in eax, arguments in ebx,
 * ecx, edx, esi, edi, ebp, result in eax, every other register intact.
 */

/* from include/argot/kernel.h, which is C only; thread.c checks that
 * these still match */
#define ARGOT_TLS_SEL      0x33
#define ARGOT_SYS_SEND     0
#define ARGOT_CALL         1
#define ARGOT_TRAP_VECTOR  0x40

	.text
	.globl __argot_syscall
	.type __argot_syscall,@function
__argot_syscall:
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %edx
	pushl %ecx
	pushl %ebx
	pushl %eax
	pushl %esp            /* struct px_frame * */
	call px_dispatch
	addl $8,%esp          /* the frame pointer and nr; eax = result */
px_syscall_tail:
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	ret
	.size __argot_syscall,.-__argot_syscall

/*
 * px_fork_child: the first thread of a child of fork begins here, with
 * esp at the saved ebx of the parent's __argot_syscall frame (in the
 * child's copy of the stack).  It loads the TLS selector (fork set the
 * base), lets px_fork_child_fix renumber the personality's handles, and
 * returns 0 from the system call through the parent's epilogue.
 */
	.globl px_fork_child
	.type px_fork_child,@function
px_fork_child:
	movw $ARGOT_TLS_SEL,%ax
	movw %ax,%gs
	movl %esp,%esi        /* callee-saved; restored by the pops anyway */
	andl $-16,%esp
	call px_fork_child_fix
	movl %esi,%esp
	xorl %eax,%eax
	jmp px_syscall_tail
	.size px_fork_child,.-px_fork_child

/*
 * px_sig_tramp: the signal thread redirected the first thread here
 * (signal.c, px_kick) with esp at a struct argot_regs of where it was,
 * whose esp field points at the word holding its eip.  Run the
 * handlers, then put every register back, eflags included, and return
 * to that eip.
 */
	.globl px_sig_tramp
	.type px_sig_tramp,@function
px_sig_tramp:
	movl %esp,%ebx        /* callee-saved: the saved registers */
	andl $-16,%esp
	call px_sig_async
	movl %ebx,%esp
	popl %eax
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	addl $8,%esp          /* esp, eip: used below */
	popfl
	movl -12(%esp),%esp   /* the saved esp: at the saved eip */
	ret
	.size px_sig_tramp,.-px_sig_tramp

/*
 * px_clone_start: a new thread made by clone begins here, on the child's
 * stack, which holds { ebp, eip, esp } for the point where clone returns
 * 0 in the child (musl's __clone calls its ebp then).  eax is non-zero
 * when the thread has a TLS base: load the TLS selector first.
 */
	.globl px_clone_start
	.type px_clone_start,@function
px_clone_start:
	testl %eax,%eax
	jz 1f
	movw $ARGOT_TLS_SEL,%ax
	movw %ax,%gs
1:	popl %ebp
	popl %edx
	popl %esp
	xorl %eax,%eax
	jmp *%edx
	.size px_clone_start,.-px_clone_start

/*
 * px_on_stack(fn, arg, top): run fn(arg) on another stack; fn must not
 * return.  A dying thread moves off its own stack this way, so that the
 * stack can be freed (by its joiner or by the thread itself) while the
 * last steps of thread exit still run.
 */
	.globl px_on_stack
	.type px_on_stack,@function
px_on_stack:
	movl 4(%esp),%eax
	movl 8(%esp),%edx
	movl 12(%esp),%esp
	pushl $0              /* keeps the stack 16-byte aligned at the call */
	pushl $0
	pushl $0
	pushl %edx
	call *%eax
	ud2
	.size px_on_stack,.-px_on_stack

/*
 * px_exit_final(thread, lock, msg): release the exit stack's lock, then
 * end the thread, touching no memory after the release but the message
 * (which is not on the stack): the next dying thread may already be
 * using the stack.
 */
	.globl px_exit_final
	.type px_exit_final,@function
px_exit_final:
	movl 4(%esp),%ebx
	movl 8(%esp),%edx
	movl 12(%esp),%ecx
	movl $0,(%edx)
	movl $ARGOT_SYS_SEND,%eax
	movl $ARGOT_CALL,%edx
	int $ARGOT_TRAP_VECTOR
	ud2
	.size px_exit_final,.-px_exit_final
	.section .note.GNU-stack,"",@progbits
