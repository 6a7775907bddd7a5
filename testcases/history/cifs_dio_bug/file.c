/*
 * History: 71562809e401 ("cifs: Fix memory leak in direct I/O"),
 * fs/cifs/file.c, __cifs_writev() (and __cifs_readv()); the extraction is
 * in iterator.c, netfs_extract_user_iter().
 * The need-unpin flag was taken from iov_iter_extract_will_pin() of the new
 * BVEC iterator, always false, instead of the user iterator the pages were
 * extracted from, so the release routine never unpinned them.
 */
#define GFP_KERNEL 0
#define ENOMEM 12

typedef long ssize_t;
typedef unsigned long size_t;
typedef _Bool bool;

struct page;

struct bio_vec {
	struct page *bv_page;
	unsigned int bv_len;
	unsigned int bv_offset;
};

struct iov_iter {
	unsigned char iter_type;
	unsigned char data_source;
	size_t count;
	const struct bio_vec *bvec;
};

struct cifs_aio_ctx {
	struct iov_iter iter;
	struct bio_vec *bv;
	unsigned int nr_pinned_pages;
	bool bv_need_unpin;
	size_t len;
};

ssize_t netfs_extract_user_iter(struct iov_iter *orig, size_t orig_len,
				struct iov_iter *new,
				unsigned int extraction_flags);
bool user_backed_iter(const struct iov_iter *i);
bool iov_iter_extract_will_pin(const struct iov_iter *iter);
size_t iov_iter_count(const struct iov_iter *i);
void unpin_user_page(struct page *page);
void *kzalloc(unsigned long size, int flags);
void kfree(const void *p);
void kvfree(const void *p);
ssize_t cifs_write_from_iter(struct cifs_aio_ctx *ctx);

static void cifs_aio_ctx_release(struct cifs_aio_ctx *ctx)
{
	unsigned int i;

	if (ctx->bv) {
		if (ctx->bv_need_unpin) {
			for (i = 0; i < ctx->nr_pinned_pages; i++)
				unpin_user_page(ctx->bv[i].bv_page);
		}
		kvfree(ctx->bv);
	}
	kfree(ctx);
}

ssize_t __cifs_writev(struct iov_iter *from)
{
	struct cifs_aio_ctx *ctx;
	ssize_t rc;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	if (!ctx)
		return -ENOMEM;

	if (user_backed_iter(from)) {
		rc = netfs_extract_user_iter(from, iov_iter_count(from),
					     &ctx->iter, 0);
		if (rc < 0) {
			cifs_aio_ctx_release(ctx);
			return rc;
		}
		ctx->nr_pinned_pages = rc;
		ctx->bv = (void *)ctx->iter.bvec;
		ctx->bv_need_unpin = iov_iter_extract_will_pin(&ctx->iter); /* BUG: the BVEC iterator */
	} else {
		ctx->iter = *from;
	}
	ctx->len = iov_iter_count(&ctx->iter);

	rc = cifs_write_from_iter(ctx);
	cifs_aio_ctx_release(ctx);
	return rc;
}

/*
 * check-name: history 71562809e401: cifs asks iov_iter_extract_will_pin() of the wrong iterator
 * check-command: scan --engine clang --external --tree . .
 * check-exit-value: 1
 * check-known-to-fail
 * expect: gup/extract-release at file.c:83 (the pages extracted from "from" by netfs_extract_user_iter() in iterator.c are released according to iov_iter_extract_will_pin(&ctx->iter), the BVEC destination, which is never pinned: the pins leak)
 *
 * check-json: findings.0.rule = "gup/extract-release"
 * check-json: findings.0.file = "file.c"
 * check-json: findings.0.line = 83
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 2
 */
