/* Input of cocci/gup_pin_put.cocci. */
int local(unsigned long addr)
{
	struct page *pages[4];
	int i, n = pin_user_pages_fast(addr, 4, FOLL_WRITE, pages);

	if (n < 0)
		return n;
	for (i = 0; i < n; i++)
		put_page(pages[i]);
	return 0;
}

int dirty(unsigned long addr, struct page **pages, int n)
{
	int i;

	n = pin_user_pages(addr, n, FOLL_WRITE, pages);
	if (n <= 0)
		return n;
	for (i = 0; i < n; i++) {
		set_page_dirty_lock(pages[i]);
		put_page(pages[i]);
	}
	return 0;
}

int single(unsigned long addr, struct page *page)
{
	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	put_page(page);
	return 0;
}

int right(unsigned long addr, struct page **pages)
{
	int n = pin_user_pages_fast(addr, 4, 0, pages);

	if (n > 0)
		unpin_user_pages(pages, n);
	return 0;
}

int extra_ref(unsigned long addr, struct page *page)
{
	if (pin_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	get_page(page);
	put_page(page);
	unpin_user_page(page);
	return 0;
}
