/* Pinned pages go into a scatterlist handed to the transport's get_mr... */
#include "xport.h"

void *xsock_map(struct xsock *xs, unsigned long addr, int nr)
{
	struct page *pages[16];
	struct scatterlist *sg;
	void *mr;
	int i, ret;

	ret = pin_user_pages_fast(addr, nr, FOLL_WRITE | FOLL_LONGTERM,
				  pages);
	if (ret != nr) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		return NULL;
	}
	sg = kcalloc(nr, sizeof(*sg), 0);
	if (!sg) {
		unpin_user_pages(pages, nr);
		return NULL;
	}
	for (i = 0; i < nr; i++)
		sg_set_page(&sg[i], pages[i], 4096, 0);
	mr = xs->trans->get_mr(sg, nr, xs);
	if (!mr) {
		unpin_user_pages(pages, nr);
		kfree(sg);
	}
	return mr;
}
