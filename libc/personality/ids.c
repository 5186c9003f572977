/*
 * libc/personality/ids.c - who we are: user and group ids from our auth
 * handle, family (parent, group, session) from proc.
 *
 * An identity is four sets (auth.h).  As in the Hurd, the effective id
 * is the first effective one, the real id the first available one and
 * the saved id the second available one; supplementary groups are the
 * effective gids.  set*id asks auth for a new handle with the ids wanted
 * (AUTH_MAKEAUTH: auth refuses what we do not hold, unless we are root),
 * then shows it to proc (owner, for kill permissions) and to the current
 * and root directories (lookups through them are made as the new ids).
 * Files already open keep the identity they were opened with.
 */
#include <string.h>
#include <argot/auth.h>
#include <argot/proc.h>
#include "server/rpc.h"
#include "px.h"

#define PX_NOBODY 65534

static struct argot_idset px_ids;
static int px_ids_ok;

static const struct argot_idset *px_getids(void)
{
	if (px_ids_ok)
		return &px_ids;
	memset(&px_ids, 0, sizeof px_ids);
	if (!px.startup || px.startup->auth < 0 ||
	    auth_getids(px.startup->auth, &px_ids, ARGOT_FOREVER) < 0) {
		/* the first process: root in every sense */
		px_ids.neuids = px_ids.nauids = px_ids.negids = px_ids.nagids = 1;
	}
	px_ids_ok = 1;
	return &px_ids;
}

static long px_first(const uint32_t *v, uint32_t n, uint32_t i)
{
	return n > i ? (long)v[i] : PX_NOBODY;
}

/* real: first available (else effective); saved: second available */
static long px_real(const uint32_t *a, uint32_t na, const uint32_t *e,
                    uint32_t ne)
{
	return na ? (long)a[0] : px_first(e, ne, 0);
}

long px_sys_getuid32(struct px_frame *f)
{
	const struct argot_idset *s = px_getids();

	(void)f;
	return px_real(s->auids, s->nauids, s->euids, s->neuids);
}

long px_sys_geteuid32(struct px_frame *f)
{
	(void)f;
	return px_first(px_getids()->euids, px_getids()->neuids, 0);
}

long px_sys_getgid32(struct px_frame *f)
{
	const struct argot_idset *s = px_getids();

	(void)f;
	return px_real(s->agids, s->nagids, s->egids, s->negids);
}

long px_sys_getegid32(struct px_frame *f)
{
	(void)f;
	return px_first(px_getids()->egids, px_getids()->negids, 0);
}

long px_sys_getuid(struct px_frame *f) { return px_sys_getuid32(f); }
long px_sys_geteuid(struct px_frame *f) { return px_sys_geteuid32(f); }
long px_sys_getgid(struct px_frame *f) { return px_sys_getgid32(f); }
long px_sys_getegid(struct px_frame *f) { return px_sys_getegid32(f); }

long px_sys_getgroups32(struct px_frame *f)
{
	const struct argot_idset *s = px_getids();
	uint32_t *list = (void *)f->a2, i;

	if (f->a1 == 0)
		return s->negids;
	if ((uint32_t)f->a1 < s->negids)
		return -EINVAL;
	for (i = 0; i < s->negids; i++)
		list[i] = s->egids[i];
	return s->negids;
}

static void px_getres(const uint32_t *a, uint32_t na, const uint32_t *e,
                      uint32_t ne, struct px_frame *f)
{
	*(uint32_t *)f->a1 = px_real(a, na, e, ne);
	*(uint32_t *)f->a2 = px_first(e, ne, 0);
	*(uint32_t *)f->a3 = na > 1 ? (long)a[1] : px_real(a, na, e, ne);
}

long px_sys_getresuid32(struct px_frame *f)
{
	const struct argot_idset *s = px_getids();

	px_getres(s->auids, s->nauids, s->euids, s->neuids, f);
	return 0;
}

long px_sys_getresgid32(struct px_frame *f)
{
	const struct argot_idset *s = px_getids();

	px_getres(s->agids, s->nagids, s->egids, s->negids, f);
	return 0;
}

/* Become ids: a new auth handle, then proc and our directories. */
static long px_become(const struct argot_idset *ids)
{
	struct argot_startup *s = px.startup;
	int newauth, newproc, cwd, r;

	if (!s || s->auth < 0)
		return -EPERM;
	r = auth_makeauth(s->auth, 0, 0, ids, &newauth, ARGOT_FOREVER);
	if (r < 0)
		return r;
	argot_close(s->auth);
	s->auth = newauth;
	px_ids_ok = 0;
	if (s->proc >= 0 &&
	    rpc_reauth(s->proc, PROC_REAUTH, newauth, &newproc,
	               ARGOT_FOREVER) >= 0) {
		argot_close(s->proc);
		s->proc = newproc;
	}
	cwd = px_cwd_get();
	if (cwd >= 0 && cwd != s->root && px_reauth(&cwd) >= 0) {
		if (s->cwd == px_cwd_get())
			s->cwd = cwd;
		px_cwd_set(cwd);
	}
	if (s->root >= 0) {
		int was = s->root, same = px_cwd_get() == was;
		if (px_reauth(&s->root) >= 0 && same)
			px_cwd_set(s->root);
	}
	return 0;
}

/* One set of a new identity: effective e, available {r, s}; -1 keeps. */
static void px_set3(uint32_t *e, uint32_t *ne, uint32_t *a, uint32_t *na,
                    long r, long ef, long sv)
{
	uint32_t oldr = *na ? a[0] : (*ne ? e[0] : PX_NOBODY);
	uint32_t olds = *na > 1 ? a[1] : oldr;

	if (ef != -1) {
		e[0] = ef;
		if (!*ne)
			*ne = 1;
	}
	a[0] = r != -1 ? (uint32_t)r : oldr;
	a[1] = sv != -1 ? (uint32_t)sv : olds;
	*na = a[1] == a[0] ? 1 : 2;
}

static long px_setres(int gid, long r, long e, long s)
{
	struct argot_idset ids = *px_getids();

	if (gid)
		px_set3(ids.egids, &ids.negids, ids.agids, &ids.nagids, r, e, s);
	else
		px_set3(ids.euids, &ids.neuids, ids.auids, &ids.nauids, r, e, s);
	return px_become(&ids);
}

/* setuid: all three for root, else only the effective one */
long px_sys_setuid32(struct px_frame *f)
{
	if (idset_is_root(px_getids()))
		return px_setres(0, f->a1, f->a1, f->a1);
	return px_setres(0, -1, f->a1, -1);
}

long px_sys_setgid32(struct px_frame *f)
{
	if (idset_is_root(px_getids()))
		return px_setres(1, f->a1, f->a1, f->a1);
	return px_setres(1, -1, f->a1, -1);
}

long px_sys_setreuid32(struct px_frame *f)
{
	return px_setres(0, f->a1, f->a2, f->a2 != -1 ? f->a2 : -1);
}

long px_sys_setregid32(struct px_frame *f)
{
	return px_setres(1, f->a1, f->a2, f->a2 != -1 ? f->a2 : -1);
}

long px_sys_setresuid32(struct px_frame *f)
{
	return px_setres(0, f->a1, f->a2, f->a3);
}

long px_sys_setresgid32(struct px_frame *f)
{
	return px_setres(1, f->a1, f->a2, f->a3);
}

/* supplementary groups: the effective gids after the first */
long px_sys_setgroups32(struct px_frame *f)
{
	struct argot_idset ids = *px_getids();
	const uint32_t *list = (void *)f->a2;
	uint32_t i, n = f->a1;

	if (n + 1 > ARGOT_IDS_MAX)
		return -EINVAL;
	for (i = 0; i < n; i++)
		ids.egids[i + 1] = list[i];
	ids.negids = n + 1;
	return px_become(&ids);
}

/* ---- family, from proc ---- */
static long px_pids(struct proc_pids *p)
{
	if (!px.startup || px.startup->proc < 0) {
		*p = (struct proc_pids){ px.pid, 0, px.pid, px.pid };
		return 0;
	}
	return proc_getpids(px.startup->proc, p, ARGOT_FOREVER);
}

long px_sys_getppid(struct px_frame *f)
{
	struct proc_pids p;
	long r = px_pids(&p);

	(void)f;
	return r < 0 ? r : p.ppid;
}

/* field 0: group, 1: session, of pid (0: ourselves) */
static long px_family(long pid, int sess)
{
	struct proc_pids p;
	struct argot_procinfo i;
	long r;

	if (pid == 0 || pid == (long)px.pid) {
		r = px_pids(&p);
		return r < 0 ? r : sess ? p.sid : p.pgrp;
	}
	if (!px.startup || px.startup->proc < 0)
		return -ESRCH;
	r = proc_info(px.startup->proc, pid, &i, ARGOT_FOREVER);
	return r < 0 ? r : sess ? i.sid : i.pgrp;
}

long px_sys_getpgid(struct px_frame *f) { return px_family(f->a1, 0); }
long px_sys_getsid(struct px_frame *f) { return px_family(f->a1, 1); }

long px_sys_getpgrp(struct px_frame *f)
{
	(void)f;
	return px_family(0, 0);
}

long px_sys_setpgid(struct px_frame *f)
{
	if (f->a1 < 0 || f->a2 < 0)
		return -EINVAL;
	if (!px.startup || px.startup->proc < 0)
		return -EPERM;
	return proc_setpgid(px.startup->proc, f->a1, f->a2, ARGOT_FOREVER);
}

long px_sys_setsid(struct px_frame *f)
{
	struct proc_pids p;
	long r;

	(void)f;
	if (!px.startup || px.startup->proc < 0)
		return -EPERM;
	r = proc_setsid(px.startup->proc, &p, ARGOT_FOREVER);
	return r < 0 ? r : p.sid;
}
