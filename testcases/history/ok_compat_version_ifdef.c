/*
 * Correct code: an out-of-tree driver that builds on old and new kernels.
 * Before 5.6 it gets and puts pages; from 5.6 on it pins and unpins them.
 * Each branch of the #if is consistent; only the active one (6.1 here)
 * must be paired.
 */
#define KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))
#define LINUX_VERSION_CODE KERNEL_VERSION(6, 1, 0)
#define FOLL_WRITE 0x01
#define FOLL_LONGTERM 0x10000
#define EFAULT 14

struct page;

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 6, 0)
int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void put_page(struct page *page);
#else
int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_page(struct page *page);
#endif

struct oot_buf {
	struct page **pages;
	int npages;
};

static void oot_release(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++) {
#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 6, 0)
		put_page(pages[i]);
#else
		unpin_user_page(pages[i]);
#endif
	}
}

int oot_map_user(struct oot_buf *buf, unsigned long uaddr, int npages)
{
	int got;

#if LINUX_VERSION_CODE < KERNEL_VERSION(5, 6, 0)
	got = get_user_pages_fast(uaddr, npages, FOLL_WRITE, buf->pages);
#else
	got = pin_user_pages_fast(uaddr, npages, FOLL_WRITE | FOLL_LONGTERM,
				  buf->pages);
#endif
	if (got < 0)
		return got;
	if (got != npages) {
		oot_release(buf->pages, got);
		return -EFAULT;
	}
	buf->npages = got;
	return 0;
}

void oot_unmap_user(struct oot_buf *buf)
{
	oot_release(buf->pages, buf->npages);
	buf->npages = 0;
}

/*
 * check-name: correct: #if LINUX_VERSION_CODE get/put versus pin/unpin in an out-of-tree driver
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
