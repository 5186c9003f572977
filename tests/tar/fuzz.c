/* fuzz.c: corrupted archives against libtar and tarfs's loader (TAP).
 *   fuzz SEED.tar COUNT SECONDS RANDSEED
 * Each round mutates the header blocks of the seed archive (random bytes,
 * hostile values in the fields that matter, the checksum re-fixed half of
 * the time so the damage gets past it), sometimes truncates it or wraps
 * it in gzip and flips compressed bytes, then loads it the way tarfs
 * does and reads every file.  Built with AddressSanitizer: any read
 * outside the archive or a buffer aborts the program and fails the test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tarfs.h"
#include "tar-gz.h"

struct tarfs tfs;
static unsigned char *seed, *buf;
static size_t slen, blen;
static uint64_t hdr[4096];
static int nhdr;
static const char *path = "fuzz-archive.tmp";

static void load_seed(const char *file)
{
	FILE *f = fopen(file, "rb");
	struct tar_src src;
	struct tar_mem m;
	static struct tar_iter it;

	if (!f || fseek(f, 0, SEEK_END) || (slen = (size_t)ftell(f)) == 0) {
		printf("1..0 # SKIP no seed archive %s\n", file);
		exit(0);
	}
	rewind(f);
	seed = malloc(slen);
	buf = malloc(slen + 65536);
	if (fread(seed, 1, slen, f) != slen)
		exit(1);
	fclose(f);
	tar_src_mem(&src, &m, seed, slen);	/* where the headers are */
	tar_iter_init(&it, &src);
	while (nhdr < 4096 && tar_next(&it) == TAR_OK) {
		hdr[nhdr++] = it.ent.header;
		if (it.ent.offset - it.ent.header > 512)	/* extensions */
			hdr[nhdr++] = it.ent.offset - 512;
	}
}

static void put_field(unsigned char *b, int off, int len, const char *v)
{
	memset(b + off, 0, (size_t)len);
	memcpy(b + off, v, strlen(v) < (size_t)len ? strlen(v) : (size_t)len);
}

/* Values that have broken tar readers before. */
static void hostile(unsigned char *b)
{
	static const char *names[] = { "../../etc/x", "/abs", "a/../../b",
		"./", "", "x/./../y", "dir/file/deeper" };
	static const char *sizes[] = { "77777777777", "00000001000",
		"7777777777x", "", "-1", "00000077777" };
	static const char types[] = "0125LKxgDV7 \x80";

	switch (rand() % 4) {
	case 0: put_field(b, 0, 100, names[rand() % 7]); break;
	case 1: put_field(b, 124, 12, sizes[rand() % 6]); break;
	case 2: b[156] = (unsigned char)types[rand() % 13]; break;
	default: memset(b + rand() % 500, rand() % 2 ? 0xff : 'A',
			(size_t)(rand() % 12)); break;
	}
}

static void mutate(void)
{
	memcpy(buf, seed, slen);
	blen = slen;
	for (int k = 1 + rand() % 3; k > 0; k--) {
		unsigned char *b = buf + hdr[rand() % nhdr];
		if (rand() % 2)
			hostile(b);
		else
			b[rand() % 512] = (unsigned char)rand();
		if (rand() % 2) {
			snprintf((char *)b + 148, 8, "%06o",
				 (unsigned)tar_checksum(b));
			b[155] = ' ';
		}
	}
	if (rand() % 8 == 0)
		blen = (size_t)rand() % slen;
}

static FILE *outf;
static int fwrite_cb(void *ctx, const void *p, size_t n)
{
	(void)ctx;
	return fwrite(p, 1, n, outf) == n ? 0 : -1;
}

static void write_case(void)
{
	outf = fopen(path, "wb");
	if (rand() % 10 == 0) {		/* gzip, then damage it */
		struct tar_gz *g = tar_gz_writer(fwrite_cb, NULL, 1);
		tar_gz_write(g, buf, blen);
		tar_gz_finish(g);
		fflush(outf);
		long end = ftell(outf);
		for (int k = rand() % 3; k > 0 && end > 0; k--) {
			fseek(outf, rand() % end, SEEK_SET);
			fputc(rand() & 0xff, outf);
		}
	} else
		fwrite(buf, 1, blen, outf);
	fclose(outf);
}

static uint64_t read_all(struct tnode *dir)
{
	static char data[8192];
	uint64_t total = 0;

	for (struct tdirent *d = dir->first; d; d = d->next) {
		struct tnode *n = d->node;
		if (S_ISDIR(n->mode))
			total += read_all(n);
		else if (S_ISREG(n->mode))
			for (uint64_t at = 0; at < n->size;) {
				size_t len = sizeof data;
				if (file_read(n, at, data, &len) || !len)
					break;
				at += len;
				total += len;
			}
	}
	return total;
}

/* libtar alone, over memory: every entry and its content */
static void iterate_mem(void)
{
	static struct tar_iter it;
	static char data[4096];
	struct tar_src src;
	struct tar_mem m;
	int r;

	tar_src_mem(&src, &m, buf, blen);
	tar_iter_init(&it, &src);
	while ((r = tar_next(&it)) != TAR_END)
		if (r == TAR_OK)
			for (uint64_t at = 0; ; at += sizeof data)
				if (tar_read(&src, &it.ent, at, data,
					     sizeof data) <= 0)
					break;
}

int main(int argc, char **argv)
{
	long count, secs, loaded = 0, i;
	time_t start = time(NULL);

	if (argc != 5) {
		fprintf(stderr, "usage: fuzz SEED.tar COUNT SECONDS RANDSEED\n");
		return 2;
	}
	load_seed(argv[1]);
	count = atol(argv[2]);
	secs = atol(argv[3]);
	srand((unsigned)atol(argv[4]));
	printf("1..2\n");
	for (i = 0; i < count && time(NULL) - start < secs; i++) {
		mutate();
		iterate_mem();
		write_case();
		memset(&tfs, 0, sizeof tfs);
		tfs.next_ino = 1;
		tfs.archive = path;
		tfs.readonly = 1;
		if (tarfs_load(0) == 0) {
			read_all(tfs.root);
			loaded++;
		}
		if (tfs.srcfd > 0)
			close(tfs.srcfd);
	}
	unlink(path);
	printf("ok 1 - %ld corrupted archives parsed without a crash\n", i);
	printf("%sok 2 - the loader survived and served %ld of them\n",
	       i > 0 && loaded > 0 ? "" : "not ", loaded);
	return 0;
}
