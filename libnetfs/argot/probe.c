/* probe.c: is a send handle a client gave us (DIR_LINK's file, DIR_RENAME's
 * target directory) one of our own protids?  A handle's number tells us
 * nothing, but the kernel knows which of our pipes it reaches
 * (K_PIPE_IDENTIFY): the label it answers finds the object exactly as the
 * server loop finds it for a request on that pipe.  Anything else (another
 * server's handle, our control or boot port) is not a protid: the caller
 * answers EXDEV. */
#include "na.h"

struct na_prot *na_ours(int h)
{
	uint32_t label;
	struct srv_obj *o;

	if (k_pipe_identify(argot_hooks.kernel, h, &label) < 0)
		return NULL;
	o = srv_obj_find(&na_srv, label);
	/* the protid stays alive: the client's handle in r->h holds it */
	return o && o->cls == &na_prot_class ? (struct na_prot *)o : NULL;
}
