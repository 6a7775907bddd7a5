/*
 * Shaped after vduse_dev_reg_umem() and vduse_domain_add_user_bounce_pages()
 * in drivers/vdpa/vdpa_user/: a helper stores the pages its caller pinned
 * into a field and takes a reference of its own on each (get_page()),
 * which its teardown puts.  The caller's array still holds the pins: a
 * put of it is a mismatch, whatever the helper does with its references.
 */
#include "api.h"

struct bounce_map {
	struct page *user_page;
};

struct domain {
	struct bounce_map maps[16];
	int nr;
};

void *kvmalloc_array(unsigned long n, unsigned long size, int flags);
void kvfree(const void *p);

static int domain_add_user_pages(struct domain *d, struct page **pages,
				 int count)
{
	int i;

	for (i = 0; i < count; i++) {
		d->maps[i].user_page = pages[i];
		get_page(pages[i]);
	}
	d->nr = count;
	return 0;
}

static void domain_remove_user_pages(struct domain *d)
{
	int i;

	for (i = 0; i < d->nr; i++) {
		put_page(d->maps[i].user_page);
		d->maps[i].user_page = NULL;
	}
}

int reg_umem(struct domain *d, unsigned long uaddr, int npages)
{
	struct page **page_list = kvmalloc_array(npages, sizeof(*page_list), 0);
	int pinned, ret;

	if (!page_list)
		return -12;
	pinned = pin_user_pages(uaddr, npages, FOLL_WRITE | FOLL_LONGTERM,
				page_list);
	if (pinned != npages) {
		ret = pinned < 0 ? pinned : -12;
		goto out;
	}
	ret = domain_add_user_pages(d, page_list, pinned);
out:
	if (ret && pinned > 0)
		release_pages(page_list, pinned);
	kvfree(page_list);
	return ret;
}

void dereg_umem(struct domain *d)
{
	domain_remove_user_pages(d);
}

/*
 * check-name: a helper's own reference on the caller's pinned pages does not make them referenced pages
 * check-exit-value: 1
 *
 * check-output-start
helper_ref.c:61:3: warning: reg_umem() releases pages pinned by pin_user_pages() (helper_ref.c:52) with release_pages(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/helper_ref.c b/helper_ref.c
--- a/helper_ref.c
+++ b/helper_ref.c
@@ -58,7 +58,7 @@
 	ret = domain_add_user_pages(d, page_list, pinned);
 out:
 	if (ret && pinned > 0)
-		release_pages(page_list, pinned);
+		unpin_user_pages(page_list, pinned);
 	kvfree(page_list);
 	return ret;
 }
 * check-patch-end
 */
