/* nat.h: the translator state of one node (trans.c, start.c). */
#ifndef NAT_H
#define NAT_H

#include "na.h"

/* the bootstrap pipe a passive translator calls FSYS_STARTUP on */
struct na_boot {
	struct srv_obj obj;	/* first */
	struct netfs_node *np;
	int control;		/* what the child handed us, or NOHANDLE */
	int gone;		/* the child closed it (died) before calling */
};

struct na_tnode {
	int control;		/* the active translator, or NOHANDLE */
	int starting;		/* a thread is starting the passive one */
	struct na_boot boot;	/* reused by each start of this node */
};

extern pthread_mutex_t na_tlock;	/* guards every na_tnode */
struct na_tnode *na_tnode(struct netfs_node *np);

#endif
