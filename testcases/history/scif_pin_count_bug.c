/*
 * History: a81072a9c0ae ("misc: mic: scif: Fix error handling path"),
 * drivers/misc/mic/scif/scif_rma.c, __scif_pin_pages().
 * A short pin stored the requested nr_pages (or a -ERRNO) in the struct's
 * count, and scif_destroy_pinned_pages() unpinned that many entries.
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

static struct scif_pinned_pages *scif_create_pinned_pages(long nr_pages,
							   int prot)
{
	struct scif_pinned_pages *pin;

	pin = kzalloc(sizeof(*pin), GFP_KERNEL);
	if (!pin)
		return 0;
	pin->pages = kcalloc(nr_pages, sizeof(*pin->pages), GFP_KERNEL);
	if (!pin->pages) {
		kfree(pin);
		return 0;
	}
	pin->prot = prot;
	return pin;
}

static void scif_destroy_pinned_pages(struct scif_pinned_pages *pin)
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

int __scif_pin_pages(unsigned long addr, unsigned long len, int prot,
		     struct scif_pinned_pages **pages)
{
	struct scif_pinned_pages *pinned_pages;
	long nr_pages = len >> PAGE_SHIFT;
	int err;

	pinned_pages = scif_create_pinned_pages(nr_pages, prot);
	if (!pinned_pages)
		return -ENOMEM;

	pinned_pages->nr_pages = pin_user_pages_fast(addr, nr_pages,
				(prot & SCIF_PROT_WRITE) ? FOLL_WRITE : 0,
				pinned_pages->pages);
	if (pinned_pages->nr_pages < nr_pages) {
		err = -EFAULT;
		pinned_pages->nr_pages = nr_pages;
		goto error_unmap;
	}
	*pages = pinned_pages;
	return 0;

error_unmap:
	scif_destroy_pinned_pages(pinned_pages); /* BUG: requested count */
	*pages = 0;
	return err;
}

/*
 * check-name: history a81072a9c0ae: scif unpins the requested count through a struct field
 * check-exit-value: 1
 * check-known-to-fail
 * expect: gup/leak at 86 (scif_destroy_pinned_pages() unpins pinned_pages->nr_pages, overwritten with the requested count)
 *
 * check-json: findings.0.rule = "gup/leak"
 * check-json: findings.0.line = 86
 * check-json: coverage.parsed_with_errors = 0
 * check-json: coverage.parsed_clean = 1
 */
