/*
 * History: a81072a9c0ae ("misc: mic: scif: Fix error handling path"), the
 * fixed shape: the struct's count keeps what pin_user_pages_fast() pinned,
 * clamped to 0 after an error, and the release routine unpins that many.
 */
#define EFAULT 14
#define ENOMEM 12
#define FOLL_WRITE 0x01
#define GFP_KERNEL 0
#define PAGE_SHIFT 12
#define SCIF_PROT_WRITE 0x2

struct page;

struct scif_pinned_pages {
	long nr_pages;
	int prot;
	struct page **pages;
};

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_page(struct page *page);
void set_page_dirty_lock(struct page *page);
void *kzalloc(unsigned long size, int flags);
void *kcalloc(unsigned long n, unsigned long size, int flags);
void kfree(const void *p);

static struct scif_pinned_pages *scif_create_pinned_pages_fixed(long nr,
								int prot)
{
	struct scif_pinned_pages *pin;

	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return 0;
	pin->pages = kcalloc(nr, sizeof(*pin->pages), GFP_KERNEL);
	if (!pin->pages) {
		kfree(pin);
		return 0;
	}
	pin->prot = prot;
	return pin;
}

static void scif_destroy_pinned_pages_fixed(struct scif_pinned_pages *pin)
{
	int writeable = pin->prot & SCIF_PROT_WRITE;
	long j;

	for (j = 0; j < pin->nr_pages; j++) {
		if (pin->pages[j]) {
			if (writeable)
				set_page_dirty_lock(pin->pages[j]);
			unpin_user_page(pin->pages[j]);
		}
	}
	kfree(pin->pages);
	kfree(pin);
}

int __scif_pin_pages_fixed(unsigned long addr, unsigned long len, int prot,
			   struct scif_pinned_pages **pages)
{
	struct scif_pinned_pages *pinned_pages;
	long nr_pages = len >> PAGE_SHIFT;
	int err;

	pinned_pages = scif_create_pinned_pages_fixed(nr_pages, prot);
	if (!pinned_pages)
		return -ENOMEM;

	pinned_pages->nr_pages = pin_user_pages_fast(addr, nr_pages,
				(prot & SCIF_PROT_WRITE) ? FOLL_WRITE : 0,
				pinned_pages->pages);
	if (pinned_pages->nr_pages < 0)
		pinned_pages->nr_pages = 0;
	if (pinned_pages->nr_pages < nr_pages) {
		err = -EFAULT;
		goto error_unmap;
	}
	*pages = pinned_pages;
	return 0;

error_unmap:
	scif_destroy_pinned_pages_fixed(pinned_pages);
	*pages = 0;
	return err;
}

/*
 * check-name: history a81072a9c0ae fixed: scif unpins the pinned count
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
