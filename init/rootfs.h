/*
 * init/rootfs.h - the root filesystem: bootstrap starts /hurd/ramfs from
 * the initrd and copies the initrd into it through the ordinary fs
 * protocols, so that everything after bootstrap lives on a writable,
 * POSIX filesystem whose owners and modes are the archive's.
 */
#ifndef INIT_ROOTFS_H
#define INIT_ROOTFS_H

#include <stdint.h>

struct rootfs_env {
	int kernel, auth, exec, console;
	int bootroot;       /* the initrd server's root (bootfs.c) */
	uint32_t mem_kib;   /* the machine's memory */
};

/* 0 and *root (a handle authenticated as env->auth) and *control (the
 * ramfs's control handle, to keep), or -errno with a message printed.
 * /dev on the new root is our initrd server's /dev (the terminals). */
int rootfs_start(const struct rootfs_env *env, int *root, int *control);

#endif
