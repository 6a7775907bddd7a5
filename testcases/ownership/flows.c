/*
 * Pages that go from one place into another without the two being one
 * place.  Shaped after drivers/media/pci/ivtv/ivtv-udma.c (a scatterlist
 * filled from the pinned map and from allocated bounce pages) and
 * drivers/scsi/st.c (a request's page array taken from the pinned
 * array for direct I/O, from the reserved pages otherwise): the table
 * and the request hold pages of two kinds, the pinned array does not,
 * so releasing the pinned array with release_pages() is a mismatch,
 * while releasing the mixed table page by page is not judged.  A cursor
 * walking the table (sg = sg_next(sg)) finds the table's pages.
 */
#include "api.h"

struct udma {
	struct page **map;
	struct page **bounce;
	struct scatterlist *sglist;
	int count;
};

struct mapdata {
	struct page **pages;
};

struct stbuf {
	struct page **mapped;
	struct page **reserved;
	struct mapdata md;
};

int udma_setup(struct udma *d, unsigned long uaddr, int n)
{
	int i, err;

	err = pin_user_pages_fast(uaddr, n, 0, d->map);
	if (err != n) {
		if (err > 0)
			unpin_user_pages(d->map, err);
		return -1;
	}
	for (i = 0; i < n; i++) {
		d->bounce[i] = alloc_page(0);
		if (i & 1)
			sg_set_page(&d->sglist[i], d->map[i], 4096, 0);
		else
			sg_set_page(&d->sglist[i], d->bounce[i], 4096, 0);
	}
	d->count = n;
	return 0;
}

void udma_unmap(struct udma *d)
{
	release_pages(d->map, d->count);
}

/* the table holds pages of both kinds: not judged */
void udma_drop_table(struct udma *d)
{
	struct scatterlist *sg;
	int i;

	for (i = 0, sg = d->sglist; i < d->count; i++, sg = sg_next(sg))
		put_page(sg_page(sg));
}

void st_reserve(struct stbuf *b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		b->reserved[i] = alloc_page(0);
}

int st_map(struct stbuf *b, unsigned long uaddr, int n, int dio)
{
	int res = pin_user_pages_fast(uaddr, n, 0, b->mapped);

	if (res < n) {
		if (res > 0)
			unpin_user_pages(b->mapped, res);
		return -1;
	}
	if (dio)
		b->md.pages = b->mapped;
	else
		b->md.pages = b->reserved;
	return 0;
}

void st_unmap(struct stbuf *b, int n)
{
	release_pages(b->mapped, n);
}

/* the request's pages are of both kinds: not judged */
void st_drop_request(struct stbuf *b, int n)
{
	release_pages(b->md.pages, n);
}

/*
 * check-name: a table or a field given pages of two kinds leaves the pinned array one kind
 * check-exit-value: 1
 *
 * check-output-start
flows.c:54:2: warning: udma_unmap() releases pages pinned by pin_user_pages_fast() (flows.c:35) with release_pages(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
flows.c:93:2: warning: st_unmap() releases pages pinned by pin_user_pages_fast() (flows.c:77) with release_pages(), as if they held references; pages from pin_user_pages*() must be released with unpin_user_page() or unpin_user_pages() [gup/pin-put-mismatch]
 * check-output-end
 *
 * check-patch-start
diff --git a/flows.c b/flows.c
--- a/flows.c
+++ b/flows.c
@@ -51,7 +51,7 @@
 
 void udma_unmap(struct udma *d)
 {
-	release_pages(d->map, d->count);
+	unpin_user_pages(d->map, d->count);
 }
 
 /* the table holds pages of both kinds: not judged */
@@ -90,7 +90,7 @@
 
 void st_unmap(struct stbuf *b, int n)
 {
-	release_pages(b->mapped, n);
+	unpin_user_pages(b->mapped, n);
 }
 
 /* the request's pages are of both kinds: not judged */
 * check-patch-end
 */
