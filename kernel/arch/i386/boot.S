/*
 * arch/i386/boot.S - Multiboot 1 entry.  GRUB jumps here in protected
 * mode, paging off, at the physical address.  We map physical memory at
 * both 0 (just long enough to jump) and KBASE with 4 MiB pages, turn
 * paging on, and continue in C at kmain(magic, mbi) on the boot stack,
 * which later becomes the idle thread's stack.
 */
#define KBASE 0xC0000000

	.section .multiboot, "a"
	.align 4
	.long 0x1BADB002                 /* magic */
	.long 0x00000003                 /* modules page aligned, memory map */
	.long -(0x1BADB002 + 0x00000003)

	.text
	.globl _start
_start:
	cli
	movl %eax, %esi                  /* multiboot magic */
	movl %ebx, %edi                  /* multiboot info (physical) */
	movl $(boot_pgdir - KBASE), %edx
	movl $0x83, (%edx)               /* 0..4 MiB identity: P|W|PS */
	xorl %ecx, %ecx
1:	movl %ecx, %eax                  /* KBASE + i*4MiB -> i*4MiB */
	shll $22, %eax
	orl $0x83, %eax
	movl %eax, (768*4)(%edx,%ecx,4)
	incl %ecx
	cmpl $255, %ecx                  /* DIRECT_MAX: leave the last slot */
	jb 1b
	movl %cr4, %eax
	orl $0x10, %eax                  /* PSE */
	movl %eax, %cr4
	movl %edx, %cr3
	movl %cr0, %eax
	orl $0x80010000, %eax            /* PG | WP */
	movl %eax, %cr0
	leal 2f, %eax
	jmp *%eax
2:	movl $boot_stack_top, %esp
	xorl %ebp, %ebp
	pushl %edi
	pushl %esi
	call kmain
3:	hlt
	jmp 3b

	.bss
	.align 4096
	.globl boot_pgdir
boot_pgdir:
	.space 4096
	.globl boot_stack
boot_stack:
	.space 8192
	.globl boot_stack_top
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
