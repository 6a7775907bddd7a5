/*
 * History: ffca476a0a8d ("rapidio: fix an error in get_user_pages_fast()
 * error handling"), drivers/rapidio/devices/rio_mport_cdev.c,
 * rio_dma_transfer().
 * When get_user_pages_fast() got fewer pages than requested, the error path
 * put_page()d all nr_pages requested entries, not the pinned ones.
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

int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void put_page(struct page *page);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);
int rio_map_pages(struct mport_dma_req *req, struct page **pages, long nr);

int rio_dma_transfer(struct mport_dma_req *req, unsigned long addr,
		     unsigned long len, int to_device)
{
	struct page **page_list;
	long nr_pages, pinned, i;
	int ret;

	nr_pages = ((addr & ~PAGE_MASK) + len + PAGE_SIZE - 1) >> PAGE_SHIFT;
	page_list = kcalloc(nr_pages, sizeof(*page_list), GFP_KERNEL);
	if (!page_list)
		return -ENOMEM;

	pinned = get_user_pages_fast(addr & PAGE_MASK, nr_pages,
				     to_device ? 0 : FOLL_WRITE, page_list);
	if (pinned != nr_pages) {
		if (pinned < 0)
			nr_pages = 0;
		ret = -EFAULT;
		goto err_pg;
	}

	ret = rio_map_pages(req, page_list, nr_pages);
	if (ret)
		goto err_pg;
	req->page_list = page_list;
	req->nr_pages = nr_pages;
	return 0;

err_pg:
	for (i = 0; i < nr_pages; i++)
		put_page(page_list[i]); /* BUG: nr_pages, not pinned */
	kfree(page_list);
	return ret;
}

/*
 * check-name: history ffca476a0a8d: rapidio puts the requested count after a short get_user_pages_fast()
 * check-exit-value: 1
 * expect: gup/leak at 60 (put_page() loop runs to the requested nr_pages, not the pinned count)
 *
 * check-output-start
rapidio_gup_count_bug.c:60:3: warning: after get_user_pages_fast() took fewer pages than the nr_pages asked for, nr_pages pages are released, not the pinned it took: the pages it did not take are released too [gup/leak]
 * check-output-end
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 60
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
