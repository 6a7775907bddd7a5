/*
 * History: 90ca6333fd65 ("VMCI: check return value of
 * get_user_pages_fast() for errors"), the fixed shape: the pages are
 * released only when get_user_pages_fast() returned a positive count.
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

static void qp_release_pages_fixed(struct page **pages,
				   unsigned long long num_pages, int dirty)
{
	unsigned long long i;

	for (i = 0; i < num_pages; i++) {
		if (dirty)
			set_page_dirty_lock(pages[i]);
		put_page(pages[i]);
		pages[i] = 0;
	}
}

int qp_host_get_user_memory_fixed(unsigned long long produce_uva,
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
		if (retval > 0)
			qp_release_pages_fixed(produce_q->kernel_if->header_page,
					       retval, 0);
		err = VMCI_ERROR_NO_MEM;
		goto out;
	}

	retval = get_user_pages_fast((unsigned long)consume_uva,
				     consume_q->kernel_if->num_pages,
				     FOLL_WRITE,
				     consume_q->kernel_if->header_page);
	if (retval < (int)consume_q->kernel_if->num_pages) {
		if (retval > 0)
			qp_release_pages_fixed(consume_q->kernel_if->header_page,
					       retval, 0);
		qp_release_pages_fixed(produce_q->kernel_if->header_page,
				       produce_q->kernel_if->num_pages, 0);
		err = VMCI_ERROR_NO_MEM;
	}

out:
	return err;
}

/*
 * check-name: history 90ca6333fd65 fixed: VMCI releases only a positive count
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
