/*
 * include/argot/exec.h - the exec protocol: load a static ELF32 i386
 * executable into a fresh, empty process.
 *
 * The caller creates the process (K_PROC_CREATE), registers it with proc,
 * places every initial handle in it itself (PROC_HANDLE_GIVE: it holds
 * the process handle) and fills a struct argot_startup with the numbers
 * they got there.  exec only reads the file (io_read), maps the segments,
 * builds the stack -- argc, argv, envp, the auxiliary vector (AT_PHDR,
 * AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_ENTRY, AT_UID, AT_EUID, AT_GID,
 * AT_EGID, AT_SECURE, AT_RANDOM, AT_SYSINFO = 0 for the program's crt,
 * AT_ARGOT_STARTUP -> the startup block copied onto the stack) -- and
 * starts the first thread.  It holds no authority of its own: the
 * process's identity is whatever auth handle the caller placed in it.
 *
 * A bad executable (truncated, not ELF32/i386/EXEC, segments outside
 * user space or overlapping each other, absurd sizes, too many program
 * headers) is refused with -ENOEXEC (-E2BIG for argument lists too long,
 * -EIO/-EPIPE from the file); whatever exec mapped is unmapped, so the
 * process is left empty.
 */
#ifndef ARGOT_EXEC_H
#define ARGOT_EXEC_H

#include <argot/rpc.h>
#include <argot/startup.h>

#define EXEC_SUSPENDED 1          /* create the thread suspended */
#define EXEC_STACK_SIZE (256u * 1024)
#define EXEC_STACK_TOP  0xBFFF0000u  /* the stack ends just below here */
#define EXEC_ARGS_MAX   (32u * 1024) /* argv + envp strings */
#define EXEC_PHNUM_MAX  32
#define EXEC_FILE_MAX   (64u << 20)  /* larger files are "absurd" */

struct exec_load_req {
	struct argot_startup startup;  /* copied onto the stack as is */
	uint32_t flags;                /* EXEC_* */
	uint32_t argc, envc;           /* strings in the tail */
	uint32_t argvlen;              /* bytes of argv strings (then env) */
	uint32_t uid, euid, gid, egid; /* for the auxiliary vector only */
};
struct exec_load_rep { uint32_t entry, sp, phdr; };

enum {
	EXEC_LOAD = ARGOT_RPC_EXEC, /* req exec_load_req + tail: argc NUL-
	                               ended strings, then envc; in[0]: the
	                               file (io), in[1]: the process.
	                               reply exec_load_rep, out[0]: the thread */
	EXEC_END
};

#define EXEC_RPCS(X) \
	X(EXEC_LOAD, struct exec_load_req, RPC_TAIL, 2, 2)

/* auxiliary vector types (Linux values) */
#define AT_NULL    0
#define AT_PHDR    3
#define AT_PHENT   4
#define AT_PHNUM   5
#define AT_PAGESZ  6
#define AT_ENTRY   9
#define AT_UID     11
#define AT_EUID    12
#define AT_GID     13
#define AT_EGID    14
#define AT_SECURE  23
#define AT_RANDOM  25
#define AT_SYSINFO 32

/* client stub: argv/envp are NULL-terminated arrays */
int exec_load(int exec, int file, int process, const struct argot_startup *st,
              const char *const *argv, const char *const *envp,
              uint32_t flags, const uint32_t ids[4],
              struct exec_load_rep *rep, int *thread, uint32_t timeout);

#endif /* ARGOT_EXEC_H */
