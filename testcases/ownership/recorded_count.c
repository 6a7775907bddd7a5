/*
 * Shaped after ivtv_yuv_prep_user_dma() in
 * drivers/media/pci/ivtv/ivtv-yuv.c: two pins into one array of a
 * long-lived object (the second further along it), the count recorded
 * in the object.  From there the pages are the object's, and an error
 * return leaves them to its owner; but an error path that sets the
 * recorded count back to 0 without unpinning makes the object forget
 * them: they stay pinned for good.
 */
#include "api.h"

struct udma {
	struct page **map;
	int page_count;
};

int fill(struct udma *d);

int prep(struct udma *d, unsigned long y, int ny, unsigned long uv, int nuv)
{
	int y_pages, uv_pages = 0;

	y_pages = pin_user_pages_fast(y, ny, 0, &d->map[0]);
	if (y_pages == ny)
		uv_pages = pin_user_pages_fast(uv, nuv, 0, &d->map[y_pages]);
	if (y_pages != ny || uv_pages != nuv) {
		if (uv_pages > 0)
			unpin_user_pages(&d->map[y_pages], uv_pages);
		if (y_pages > 0)
			unpin_user_pages(d->map, y_pages);
		return -1;
	}
	d->page_count = y_pages + uv_pages;
	if (fill(d) < 0) {
		d->page_count = 0;
		return -12;
	}
	return 0;
}

/* the object keeps them on error: its owner unpins d->page_count */
int prep_kept(struct udma *d, unsigned long y, int ny)
{
	int y_pages = pin_user_pages_fast(y, ny, 0, d->map);

	if (y_pages != ny) {
		if (y_pages > 0)
			unpin_user_pages(d->map, y_pages);
		return -1;
	}
	d->page_count = y_pages;
	if (fill(d) < 0)
		return -12;
	return 0;
}

/*
 * check-name: a count recorded in an object makes the pages the object's, until the path sets it back to 0
 * check-exit-value: 1
 *
 * check-output-start
recorded_count.c:36:3: warning: prep() returns an error here while the pages pin_user_pages_fast() took into d->map at line 23 are still pinned: nothing on this path releases them or hands them on [gup/leak]
 * check-output-end
 */
