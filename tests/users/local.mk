# tests/users: logins, the password server and the root filesystem in
# QEMU, typed at COM1 and COM2 through tests/harness/console.py
# (tests/users/README.md).
TESTS += users/suite-users
EXTRA_DIST += users/suite-users users/users.py users/README.md
CLEANFILES += users/users-initrd.tar users/users.iso
