/*
 * History: fa63f083b349 ("rapidio: fix error handling path"),
 * drivers/rapidio/devices/rio_mport_cdev.c, rio_dma_transfer().
 * After the conversion to pin_user_pages_fast(), nr_pages = pinned was set
 * on every failure, so a -ERRNO reached unpin_user_pages() as the count.
 */
#define EFAULT 14
#define ENOMEM 12
#define FOLL_WRITE 0x01
#define GFP_KERNEL 0
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))

struct page;

struct mport_dma_req {
	struct page **page_list;
	long nr_pages;
};

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
int rio_map_pages(struct mport_dma_req *req, struct page **pages, long nr);

int rio_dma_transfer(struct mport_dma_req *req, unsigned long addr,
		     unsigned long len, int to_device)
{
	struct page **page_list;
	long nr_pages, pinned;
	int ret;

	nr_pages = ((addr & ~PAGE_MASK) + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	page_list = kcalloc(nr_pages, sizeof(*page_list), GFP_KERNEL);
	if (!page_list)
		return -ENOMEM;

	pinned = pin_user_pages_fast(addr & PAGE_MASK, nr_pages,
				     to_device ? 0 : FOLL_WRITE, page_list);
	if (pinned != nr_pages) {
		if (pinned < 0)
			nr_pages = 0;
		ret = -EFAULT;
		/* how many pages to unpin in the error handler */
		nr_pages = pinned;
		goto err_pg;
	}

	ret = rio_map_pages(req, page_list, nr_pages);
	if (ret)
		goto err_pg;
	req->page_list = page_list;
	req->nr_pages = nr_pages;
	return 0;

err_pg:
	unpin_user_pages(page_list, nr_pages); /* BUG: may be -ERRNO */
	kfree(page_list);
	return ret;
}

/*
 * check-name: history fa63f083b349: rapidio passes a -ERRNO count to unpin_user_pages()
 * check-exit-value: 1
 * expect: gup/leak at 60 (the release count is pin_user_pages_fast()'s result even when it is negative)
 *
 * check-output-start
rapidio_unpin_errno_bug.c:60:2: warning: pin_user_pages_fast() may have failed: its result pinned can be a negative error code here, and is released as a page count; test it (pinned > 0) before releasing [gup/leak]
 * check-output-end
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 60
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
