# tests/shell: BusyBox's ash on Argot (tests/shell/README is in
# doc/userland.md): suite-shell boots one image that runs every t/*.sh
# and compares each with the host's BusyBox; suite-console types at the
# login shell on COM1 (^C).
# suite-shell is out of make check for now: the most fork-heavy suite,
# it meets the intermittent stall doc/status.md describes (a pipeline
# member's read or exec never completes) about one clean run in two.  A
# flaky test is taken out, not loosened; run it by hand:
#     make -C tests check TESTS=shell/suite-shell
# and put it back here once tests/posix/run-stress passes under load.
TESTS += shell/suite-console
EXTRA_DIST += shell/suite-shell shell/guest-run shell/suite-console \
	shell/console.py $(SHELL_T)
SHELL_T = shell/t/bgjob.sh shell/t/cmdsubst.sh shell/t/devnull.sh shell/t/files.sh \
	shell/t/forkloop.sh shell/t/heredoc.sh shell/t/killbg.sh \
	shell/t/links.sh shell/t/loops.sh shell/t/pipeline.sh shell/t/reap.sh \
	shell/t/redirect.sh shell/t/status.sh
CLEANFILES += shell/shell-initrd.tar shell/shell.iso shell/console.iso \
	shell/console-initrd.tar
clean-local-shell:
	rm -rf shell/stage shell/hostbin shell/hosttmp shell/*.host shell/*.argot
.PHONY: clean-local-shell
