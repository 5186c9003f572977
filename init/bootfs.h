/*
 * init/bootfs.h - the bootstrap server's read-only filesystem over the
 * initrd (a ustar archive in memory, read with libtar), and its console.
 */
#ifndef INIT_BOOTFS_H
#define INIT_BOOTFS_H

#include "rt.h"
#include "kcall.h"
#include "server/rpc.h"
#include "server/start/start.h"
#include "tar.h"

extern struct srv bootfs_srv;

/* Check the archive (0, or a TAR_E* code and *why) and keep it. */
int bootfs_init(const void *base, uint32_t size, const char **why);
/* The content of a regular file, in place, or NULL. */
const void *bootfs_file(const char *path, uint32_t *size);
/* A send handle on the root directory / on the console (io write). */
int bootfs_root(int *send);
int bootfs_console(int *send);
/* From now on the boot console writes through this terminal (io). */
void bootfs_console_to(int term);
/* The archive itself and where it lies in memory (read-only). */
const struct tar_src *bootfs_archive(const unsigned char **base);
/* A control handle (fsys) whose root is the initrd's /dev with the
 * terminals, to attach as a translator on the root filesystem's /dev;
 * auth: ours, to answer clients' IO_REAUTH. */
int bootfs_dev_control(int auth, int *control);
/* Make `path` (e.g. "dev/ttyS0") answer lookups with a copy of h. */
void bootfs_magic(const char *path, int h);
/* Make "dev/null" and "dev/zero" answer (served here, stateless). */
int bootfs_devnodes(void);

#endif
