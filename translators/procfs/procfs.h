/* procfs.h: /hurd/procfs, a read-only tree over the proc server's process
 * information, laid out as Linux's /proc so that BusyBox ps and scripts
 * written for Linux read it unchanged (doc/procfs.md).
 *
 * Three parts, one idea each:
 *   format.c  the text of every file, from plain structs (pure code, also
 *             compiled on the host by tests/procfs's unit test);
 *   source.c  where the facts come from: the proc server and the kernel
 *             (Argot only: that is why this folder has an argot-only
 *             marker and no FUSE build);
 *   procfs.c  the libnetfs callbacks: nodes made on lookup, every read
 *             and every stat asking the source afresh.
 */
#ifndef PROCFS_H
#define PROCFS_H

#include <stddef.h>
#include <stdint.h>

/* A process as procfs shows it; filled by source.c from proc's answer. */
#define PF_NAME_MAX 16		/* with the NUL, as Linux's TASK_COMM_LEN */
#define PF_CMD_MAX 128

struct pf_proc {
	int32_t pid, ppid, pgrp, sid;
	uint32_t uid, gid;	/* the owner; PF_NOUID when it has none */
	char state;		/* 'R', 'T', 'Z' (proc's letters) */
	uint32_t status;	/* wait status, for a zombie */
	uint32_t nthreads, pages;
	char name[PF_NAME_MAX];
	char cmdline[PF_CMD_MAX];	/* proc keeps argv joined by spaces */
};
#define PF_NOUID 0xffffffffu

struct pf_mem {
	uint64_t total_kb, free_kb;
};

struct pf_version {
	const char *sysname, *release, *version, *machine;
};

#define PF_PAGE 4096u

/* ---- format.c: each returns the length of the text it wrote into buf
 * (cut at cap - 1 and NUL ended, like snprintf), never more than cap. */
size_t pf_fmt_stat(char *buf, size_t cap, const struct pf_proc *p);
size_t pf_fmt_status(char *buf, size_t cap, const struct pf_proc *p);
size_t pf_fmt_cmdline(char *buf, size_t cap, const struct pf_proc *p);
size_t pf_fmt_comm(char *buf, size_t cap, const struct pf_proc *p);
size_t pf_fmt_uptime(char *buf, size_t cap, uint64_t uptime_ms);
size_t pf_fmt_meminfo(char *buf, size_t cap, const struct pf_mem *m);
size_t pf_fmt_version(char *buf, size_t cap, const struct pf_version *v);
/* The owner shown for a process without one (root, as Linux shows kernel
 * threads). */
uint32_t pf_owner_uid(const struct pf_proc *p);
uint32_t pf_owner_gid(const struct pf_proc *p);
/* A decimal pid name ("42") -> 42; -1 for anything else ("042", "self"). */
int32_t pf_parse_pid(const char *name);

/* ---- source.c: 0 or a positive errno.  ENOENT: no such process (any
 * more); the others are proc or the kernel failing to answer. */
int pf_source_init(void);
int pf_proc_get(int32_t pid, struct pf_proc *p);
/* Up to max live pids >= first, ascending; their number in *n. */
int pf_proc_list(int32_t first, int32_t *pids, unsigned max, unsigned *n);
int pf_mem_get(struct pf_mem *m);
int pf_uptime_ms(uint64_t *ms);
int pf_version_get(struct pf_version *v);

#endif
