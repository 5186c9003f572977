/*
 * libargot/server/stub_proc.c - client stubs of the proc and msg
 * protocols (proc.h).
 */
#include "rpc.h"
#include <argot/proc.h>

static void image(struct proc_image *im, const char *name, const char *cmd)
{
	rpc_zero(im, sizeof *im);
	if (name)
		rpc_copy(im->name, name, rpc_strnlen(name, PROC_NAME_MAX - 1));
	if (cmd)
		rpc_copy(im->cmdline, cmd, rpc_strnlen(cmd, PROC_CMD_MAX - 1));
}

int proc_register(int proc, int child, const char *name, const char *cmd,
                  struct proc_pids *pids, int *childproc, uint32_t timeout)
{
	struct proc_image q;
	int32_t hin = child, hout = ARGOT_NOHANDLE;
	image(&q, name, cmd);
	struct rpc c = { .id = PROC_REGISTER, .req = &q, .reqlen = sizeof q,
	                 .hin = &hin, .nin = 1, .rep = pids,
	                 .repcap = sizeof *pids, .hout = &hout, .nout = 1,
	                 .timeout = timeout };
	int r = rpc_call(proc, &c);
	if (r == 0 && c.nhout != 1)
		r = -ARGOT_EINVAL;
	*childproc = r == 0 ? hout : ARGOT_NOHANDLE;
	return r;
}

int proc_set_image(int proc, int newproc, const char *name,
                   const char *cmd, uint32_t timeout)
{
	struct proc_image q;
	int32_t hin = newproc;
	image(&q, name, cmd);
	struct rpc c = { .id = PROC_SET_IMAGE, .req = &q, .reqlen = sizeof q,
	                 .hin = &hin, .nin = 1, .timeout = timeout };
	return rpc_call(proc, &c);
}

int proc_wait(int proc, int32_t pid, uint32_t options, uint32_t *status,
              uint32_t timeout)
{
	struct proc_wait_req q = { pid, options };
	struct proc_wait_rep rep;
	int r = rpc_simple(proc, PROC_WAIT, &q, sizeof q, &rep, sizeof rep,
	                   timeout);
	if (r < 0)
		return r;
	if (status)
		*status = rep.status;
	return rep.pid;
}

int proc_getpids(int proc, struct proc_pids *pids, uint32_t timeout)
{
	return rpc_simple(proc, PROC_GETPIDS, 0, 0, pids, sizeof *pids,
	                  timeout);
}

int proc_info(int proc, int32_t pid, struct argot_procinfo *info,
              uint32_t timeout)
{
	struct proc_pid q = { pid };
	return rpc_simple(proc, PROC_INFO, &q, sizeof q, info, sizeof *info,
	                  timeout);
}

int proc_list(int proc, int32_t first, struct proc_list *list,
              uint32_t timeout)
{
	struct proc_pid q = { first };
	struct rpc c = { .id = PROC_LIST, .req = &q, .reqlen = sizeof q,
	                 .rep = list, .repcap = sizeof *list,
	                 .timeout = timeout };
	int r = rpc_call(proc, &c);
	if (r == 0 && (c.replen < 4 || list->count > PROC_LIST_MAX ||
	               c.replen < 4 + 4 * list->count))
		r = -ARGOT_EINVAL;
	return r;
}

int proc_reauth(int proc, int rendezvous, uint32_t timeout)
{
	int32_t hin = rendezvous;
	struct rpc c = { .id = PROC_REAUTH, .hin = &hin, .nin = 1,
	                 .timeout = timeout };
	return rpc_send(proc, &c);
}

int proc_kill(int proc, int32_t pid, uint32_t sig, uint32_t timeout)
{
	struct proc_kill_req q = { pid, sig };
	return rpc_simple(proc, PROC_KILL, &q, sizeof q, 0, 0, timeout);
}

int proc_setpgid(int proc, int32_t pid, int32_t pgid, uint32_t timeout)
{
	struct proc_setpgid_req q = { pid, pgid };
	return rpc_simple(proc, PROC_SETPGID, &q, sizeof q, 0, 0, timeout);
}

int proc_setsid(int proc, struct proc_pids *pids, uint32_t timeout)
{
	return rpc_simple(proc, PROC_SETSID, 0, 0, pids, sizeof *pids,
	                  timeout);
}

int proc_set_msgport(int proc, int msgport, uint32_t timeout)
{
	int32_t hin = msgport;
	struct rpc c = { .id = PROC_SET_MSGPORT, .hin = &hin, .nin = 1,
	                 .timeout = timeout };
	return rpc_call(proc, &c);
}

int proc_mark_exit(int proc, uint32_t status, uint32_t timeout)
{
	struct proc_status q = { status };
	return rpc_simple(proc, PROC_MARK_EXIT, &q, sizeof q, 0, 0, timeout);
}

int proc_mark_stop(int proc, uint32_t sig, uint32_t timeout)
{
	struct proc_status q = { sig };
	return rpc_simple(proc, PROC_MARK_STOP, &q, sizeof q, 0, 0, timeout);
}

int msg_sig_post(int msgport, uint32_t sig, int32_t pid, uint32_t uid,
                 uint32_t timeout)
{
	struct msg_sig_post q = { sig, pid, uid };
	struct rpc c = { .id = MSG_SIG_POST, .req = &q, .reqlen = sizeof q,
	                 .timeout = timeout };
	return rpc_send(msgport, &c);
}
