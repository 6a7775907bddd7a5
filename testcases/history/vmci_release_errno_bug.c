/*
 * History: 90ca6333fd65 ("VMCI: check return value of
 * get_user_pages_fast() for errors"), drivers/misc/vmw_vmci/
 * vmci_queue_pair.c, qp_host_get_user_memory().
 * A short or failed get_user_pages_fast() passed its raw result, possibly a
 * -ERRNO, as the count to qp_release_pages(), a put_page() loop.
 */
#define FOLL_WRITE 0x01
#define VMCI_SUCCESS 0
#define VMCI_ERROR_NO_MEM (-6)

struct page;

struct vmci_queue_kern_if {
	unsigned long num_pages;
	struct page **header_page;
};

struct vmci_queue {
	struct vmci_queue_kern_if *kernel_if;
};

int get_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void put_page(struct page *page);
void set_page_dirty_lock(struct page *page);

static void qp_release_pages(struct page **pages, unsigned long long num_pages,
			     int dirty)
{
	unsigned long long i;

	for (i = 0; i < num_pages; i++) {
		if (dirty)
			set_page_dirty_lock(pages[i]);
		put_page(pages[i]);
		pages[i] = 0;
	}
}

int qp_host_get_user_memory(unsigned long long produce_uva,
			    unsigned long long consume_uva,
			    struct vmci_queue *produce_q,
			    struct vmci_queue *consume_q)
{
	int retval;
	int err = VMCI_SUCCESS;

	retval = get_user_pages_fast((unsigned long)produce_uva,
				     produce_q->kernel_if->num_pages,
				     FOLL_WRITE,
				     produce_q->kernel_if->header_page);
	if (retval < (int)produce_q->kernel_if->num_pages) {
		qp_release_pages(produce_q->kernel_if->header_page, retval, 0); /* BUG */
		err = VMCI_ERROR_NO_MEM;
		goto out;
	}

	retval = get_user_pages_fast((unsigned long)consume_uva,
				     consume_q->kernel_if->num_pages,
				     FOLL_WRITE,
				     consume_q->kernel_if->header_page);
	if (retval < (int)consume_q->kernel_if->num_pages) {
		qp_release_pages(consume_q->kernel_if->header_page, retval, 0); /* BUG2 */
		qp_release_pages(produce_q->kernel_if->header_page,
				 produce_q->kernel_if->num_pages, 0);
		err = VMCI_ERROR_NO_MEM;
	}

out:
	return err;
}

/*
 * check-name: history 90ca6333fd65: VMCI releases a -ERRNO count of pages
 * check-exit-value: 1
 * expect: gup/leak at 54 (qp_release_pages() is passed retval, which may be negative, for the produce queue)
 * expect: gup/leak at 64 (the same for the consume queue)
 *
 * check-output-start
vmci_release_errno_bug.c:54:3: warning: get_user_pages_fast() may have failed: its result retval can be a negative error code here, and is released as a page count; test it (retval > 0) before releasing [gup/leak]
vmci_release_errno_bug.c:64:3: warning: get_user_pages_fast() may have failed: its result retval can be a negative error code here, and is released as a page count; test it (retval > 0) before releasing [gup/leak]
 * check-output-end
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 54
 * check-json: findings.1.rule = "gup/leak"
 * check-json: findings.1.line = 64
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
