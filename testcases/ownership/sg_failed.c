/*
 * Shaped after drivers/infiniband/core/umem.c of 6.12 (ib_umem_get())
 * and the drivers that build a table from pinned pages: when
 * sg_alloc_append_table_from_pages() or sg_alloc_table_from_pages()
 * fails, it stored nothing (lib/scatterlist.c adds the new entries to the
 * table only once all of them are set), so the pages are still the
 * caller's alone and the table's teardown does not release them.  When
 * it succeeds, the table holds them and its teardown is their release.
 * rules/ownership.json marks these stores "stored_on": "zero".
 * table_ok() also unpins through for_each_sg(), whose "sg = (sglist)" a
 * macro writes: the loop variable holds the table's pages all the same.
 */
#include "api.h"

struct sg_append_table {
	struct sg_table sgt;
	struct scatterlist *prv;
	unsigned int total_nents;
};

struct umem {
	struct sg_append_table sgt_append;
	struct sg_table table;
	int writable;
};

int sg_alloc_append_table_from_pages(struct sg_append_table *sgt,
				     struct page **pages,
				     unsigned int n_pages, unsigned int offset,
				     unsigned long size,
				     unsigned int max_segment,
				     unsigned int left_pages,
				     unsigned int gfp_mask);
int sg_alloc_table_from_pages(struct sg_table *sgt, struct page **pages,
			      unsigned int n_pages, unsigned int offset,
			      unsigned long size, unsigned int gfp_mask);
void sg_free_append_table(struct sg_append_table *sgt);
void sg_free_table(struct sg_table *sgt);
unsigned long __get_free_page(unsigned int gfp);
void free_page(unsigned long addr);
void *kcalloc(size_t n, size_t size, unsigned int gfp);
void *kzalloc(size_t size, unsigned int gfp);
void *ERR_PTR(long error);
void kfree(const void *p);
int map_table(struct sg_table *sgt);

/* unpin every page the table holds, and free the table */
static void umem_release(struct umem *umem)
{
	struct scatterlist *sg;
	unsigned int i;

	for_each_sg(umem->sgt_append.sgt.sgl, sg, umem->sgt_append.sgt.nents, i)
		unpin_user_page(sg_page(sg));
	sg_free_append_table(&umem->sgt_append);
}

/* the pages of a failed append are neither released nor in the table */
struct umem *umem_get_leaks(unsigned long addr, unsigned long npages)
{
	struct page **page_list;
	struct umem *umem;
	int pinned, ret = 0;

	umem = kzalloc(sizeof(*umem), 0);
	if (!umem)
		return ERR_PTR(-12);
	page_list = (struct page **)__get_free_page(0);
	if (!page_list) {
		kfree(umem);
		return ERR_PTR(-12);
	}
	while (npages) {
		pinned = pin_user_pages_fast(addr, npages > 512 ? 512 : npages,
					     FOLL_WRITE | FOLL_LONGTERM,
					     page_list);
		if (pinned < 0) {
			ret = pinned;
			goto release;
		}
		addr += pinned * 4096UL;
		npages -= pinned;
		ret = sg_alloc_append_table_from_pages(&umem->sgt_append,
						       page_list, pinned, 0,
						       pinned << 12, 65536,
						       npages, 0);
		if (ret)
			goto release;
	}
	free_page((unsigned long)page_list);
	return umem;
release:
	umem_release(umem);
	kfree(umem);
	free_page((unsigned long)page_list);
	return ERR_PTR(ret);
}

/* as ib_umem_get() does: a failed append unpins what it was given */
struct umem *umem_get_ok(unsigned long addr, unsigned long npages)
{
	struct page **page_list;
	struct umem *umem;
	int pinned, ret = 0;

	umem = kzalloc(sizeof(*umem), 0);
	if (!umem)
		return ERR_PTR(-12);
	page_list = (struct page **)__get_free_page(0);
	if (!page_list) {
		kfree(umem);
		return ERR_PTR(-12);
	}
	while (npages) {
		pinned = pin_user_pages_fast(addr, npages > 512 ? 512 : npages,
					     FOLL_WRITE | FOLL_LONGTERM,
					     page_list);
		if (pinned < 0) {
			ret = pinned;
			goto release;
		}
		addr += pinned * 4096UL;
		npages -= pinned;
		ret = sg_alloc_append_table_from_pages(&umem->sgt_append,
						       page_list, pinned, 0,
						       pinned << 12, 65536,
						       npages, 0);
		if (ret) {
			unpin_user_pages_dirty_lock(page_list, pinned, 0);
			goto release;
		}
	}
	free_page((unsigned long)page_list);
	return umem;
release:
	umem_release(umem);
	kfree(umem);
	free_page((unsigned long)page_list);
	return ERR_PTR(ret);
}

/* the call tested where it is made: its failure leaves the pages here */
struct umem *table_leaks(unsigned long addr, int n)
{
	struct page **pages;
	struct umem *umem;
	int ret;

	umem = kzalloc(sizeof(*umem), 0);
	pages = kcalloc(n, sizeof(*pages), 0);
	if (!pages || !umem)
		goto fail;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		goto fail;
	}
	if (sg_alloc_table_from_pages(&umem->table, pages, n, 0,
				      (unsigned long)n << 12, 0))
		goto fail;
	kfree(pages);
	return umem;
fail:
	kfree(pages);
	kfree(umem);
	return ERR_PTR(-12);
}

/* once the table holds them, a later failure releases them through it */
struct umem *table_ok(unsigned long addr, int n)
{
	struct scatterlist *sg;
	struct page **pages;
	struct umem *umem;
	int i, ret;

	umem = kzalloc(sizeof(*umem), 0);
	pages = kcalloc(n, sizeof(*pages), 0);
	if (!pages || !umem)
		goto fail;
	ret = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (ret != n) {
		if (ret > 0)
			unpin_user_pages(pages, ret);
		goto fail;
	}
	ret = sg_alloc_table_from_pages(&umem->table, pages, n, 0,
					(unsigned long)n << 12, 0);
	if (ret) {
		unpin_user_pages(pages, n);
		goto fail;
	}
	kfree(pages);
	if (map_table(&umem->table)) {
		for_each_sg(umem->table.sgl, sg, umem->table.nents, i)
			unpin_user_page(sg_page(sg));
		sg_free_table(&umem->table);
		kfree(umem);
		return ERR_PTR(-5);
	}
	return umem;
fail:
	kfree(pages);
	kfree(umem);
	return ERR_PTR(-12);
}

/*
 * check-name: a table that failed to take the pages leaves them the caller's
 * check-exit-value: 1
 * expect: gup/leak at 95 (umem_get_leaks(): the failed append's pages are freed with page_list) and at 165 (table_leaks(): a failed sg_alloc_table_from_pages() tested in the if); none in umem_get_ok() or table_ok()
 *
 * check-output-start
sg_failed.c:95:2: warning: umem_get_leaks() frees page_list while the pages pin_user_pages_fast() took at line 74 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
sg_failed.c:165:2: warning: table_leaks() frees pages while the pages pin_user_pages_fast() took at line 153 are still pinned: nothing on the way here releases them or hands them on; release them first [gup/leak]
 * check-output-end
 */
