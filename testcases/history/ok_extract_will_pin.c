/*
 * Correct code: pages from iov_iter_extract_pages() are unpinned only when
 * iov_iter_extract_will_pin() says they were pinned; once tested inline, and
 * once recorded in a struct field and tested by the release routine, as
 * af_alg does with need_unpin.
 */
#define GFP_KERNEL 0
#define EFAULT 14

typedef long ssize_t;
typedef unsigned long size_t;
typedef _Bool bool;

struct page;
struct iov_iter;

struct my_sgl {
	struct page *pages[16];
	unsigned int npages;
	bool need_unpin;
};

ssize_t iov_iter_extract_pages(struct iov_iter *i, struct page ***pages,
			       size_t maxsize, unsigned int maxpages,
			       unsigned int extraction_flags, size_t *offset0);
bool iov_iter_extract_will_pin(const struct iov_iter *iter);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
int my_hash_pages(struct page **pages, unsigned int n, size_t off,
		  size_t len);

int my_hash_iter(struct iov_iter *iter, size_t len)
{
	struct page *stack_pages[16];
	struct page **pages = stack_pages;
	size_t off;
	ssize_t n;
	unsigned int npages;
	int ret;

	n = iov_iter_extract_pages(iter, &pages, len, 16, 0, &off);
	if (n <= 0)
		return n ? n : -EFAULT;
	npages = (off + n + 4095) / 4096;

	ret = my_hash_pages(pages, npages, off, n);

	if (iov_iter_extract_will_pin(iter))
		unpin_user_pages(pages, npages);
	return ret;
}

static void my_sgl_free(struct my_sgl *sgl)
{
	unsigned int i;

	if (!sgl->need_unpin)
		return;
	for (i = 0; i < sgl->npages; i++)
		unpin_user_page(sgl->pages[i]);
}

int my_sgl_fill(struct my_sgl *sgl, struct iov_iter *iter, size_t len)
{
	struct page **pages = sgl->pages;
	size_t off;
	ssize_t n;

	n = iov_iter_extract_pages(iter, &pages, len, 16, 0, &off);
	if (n <= 0)
		return n ? n : -EFAULT;
	sgl->need_unpin = iov_iter_extract_will_pin(iter);
	sgl->npages = (off + n + 4095) / 4096;
	return 0;
}

void my_sgl_done(struct my_sgl *sgl)
{
	my_sgl_free(sgl);
}

/*
 * check-name: correct: iov_iter_extract_pages() released under iov_iter_extract_will_pin()
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
