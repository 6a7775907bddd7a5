/* Pinned pages that also get an ordinary reference may be put once. */
#include "api.h"

struct bounce {
	struct page *page;
};

int bounce_add(struct bounce *b, unsigned long addr)
{
	struct page *pages[1];

	if (pin_user_pages(addr, 1, FOLL_WRITE | FOLL_LONGTERM, pages) != 1)
		return -1;
	b->page = pages[0];
	get_page(b->page);
	return 0;
}

void bounce_remove(struct bounce *b)
{
	put_page(b->page);
}

/*
 * check-name: get_page() on pinned pages makes a put_page() right (vduse)
 *
 * check-output-start
 * check-output-end
 */
