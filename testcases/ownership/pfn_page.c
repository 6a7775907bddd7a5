/*
 * Shaped after virt/kvm/kvm_main.c and fs/direct-io.c of 6.1: a map
 * takes its page from pfn_to_page(), and a buffer of pinned pages falls
 * back on a reserved page it also gets from pfn_to_page().  The macro
 * is (struct page *)vmemmap_base + pfn: a pointer made from a number,
 * not the place the number is kept in, so the map's page is not the
 * buffer's and its put_page() is no release of pinned pages.  A buffer
 * whose pages are all pinned is still judged; so is one that, as
 * fs/direct-io.c of 6.12 does, falls back on the zero page, which is
 * nobody's (rules/ownership.json "neutral_pages": unpinning it does
 * nothing).
 */
#include "api.h"

struct page {
	unsigned long flags;
};

extern unsigned long vmemmap_base;
#define pfn_to_page(pfn) ((struct page *)vmemmap_base + (pfn))
extern unsigned long zero_pfn;
#define ZERO_PAGE(vaddr) ((void)(vaddr), pfn_to_page(zero_pfn))

struct dbuf {
	union {
		struct page *pages[8];
		unsigned long addrs[8];
	};
	unsigned long resv_pfn;
	int pinned;
};

struct host_map {
	struct page *page;
	unsigned long pfn;
};

struct pbuf {
	struct page *pages[8];
	int n;
};

int dbuf_fill(struct dbuf *d, unsigned long uaddr)
{
	int ret = pin_user_pages_fast(uaddr, 8, FOLL_WRITE, d->pages);

	if (ret <= 0) {
		d->pages[0] = pfn_to_page(d->resv_pfn);
		d->pinned = 0;
		return 1;
	}
	d->pinned = ret;
	return ret;
}

void dbuf_drop(struct dbuf *d)
{
	if (d->pinned)
		unpin_user_pages(d->pages, d->pinned);
}

void host_map(struct host_map *m, unsigned long pfn)
{
	m->pfn = pfn;
	m->page = pfn_to_page(pfn);
}

void host_unmap(struct host_map *m)
{
	put_page(m->page);
}

int pbuf_fill(struct pbuf *b, unsigned long uaddr)
{
	int ret = pin_user_pages_fast(uaddr, 8, FOLL_WRITE, b->pages);

	if (ret < 0)
		return ret;
	b->n = ret;
	return 0;
}

void pbuf_drop(struct pbuf *b)
{
	int i;

	for (i = 0; i < b->n; i++)
		put_page(b->pages[i]);
}

struct zbuf {
	struct page *pages[8];
	int head, tail;
};

int zbuf_fill(struct zbuf *z, unsigned long uaddr)
{
	int ret = pin_user_pages_fast(uaddr, 8, FOLL_WRITE, z->pages);

	if (ret <= 0) {
		z->pages[0] = ZERO_PAGE(0);
		z->head = 0;
		z->tail = 1;
		return 0;
	}
	z->head = 0;
	z->tail = ret;
	return 0;
}

void zbuf_drop(struct zbuf *z)
{
	while (z->head < z->tail)
		put_page(z->pages[z->head++]);
}

/*
 * check-name: a page made from a pfn is not the place the pfn base is in; the zero page is nobody's
 * check-exit-value: 1
 *
 * check-output-start
pfn_page.c:88:3: warning: pbuf_drop() releases pages pinned by pin_user_pages_fast() (pfn_page.c:75) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
pfn_page.c:114:3: warning: zbuf_drop() releases pages pinned by pin_user_pages_fast() (pfn_page.c:98) with put_page(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/pfn_page.c b/pfn_page.c
--- a/pfn_page.c
+++ b/pfn_page.c
@@ -84,8 +84,7 @@
 {
 	int i;
 
-	for (i = 0; i < b->n; i++)
-		put_page(b->pages[i]);
+	unpin_user_pages(b->pages, b->n);
 }
 
 struct zbuf {
@@ -111,7 +110,7 @@
 void zbuf_drop(struct zbuf *z)
 {
 	while (z->head < z->tail)
-		put_page(z->pages[z->head++]);
+		unpin_user_page(z->pages[z->head++]);
 }
 
 /*
 * check-patch-end
 */
