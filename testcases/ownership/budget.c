/*
 * A function too branchy for the path budget: after the pin, 24 tests of
 * independent flags make 2^24 paths, more than the walk's step limit.
 * gupcheck reports no guess about it; the report's coverage names the
 * function (paths_cut) and the summary prints a line for it.
 */
struct page;

long pin_user_pages_fast(unsigned long start, int nr_pages,
			 unsigned int gup_flags, struct page **pages);
void unpin_user_pages(struct page **pages, unsigned long npages);
void note(int k);

int branchy(unsigned long addr, struct page **pages,
	    int f0, int f1, int f2, int f3, int f4, int f5, int f6, int f7, int f8, int f9, int f10, int f11, int f12, int f13, int f14, int f15, int f16, int f17, int f18, int f19, int f20, int f21, int f22, int f23)
{
	long got = pin_user_pages_fast(addr, 4, 0, pages);

	if (got != 4)
		return -14;
	if (f0)
		note(0);
	if (f1)
		note(1);
	if (f2)
		note(2);
	if (f3)
		note(3);
	if (f4)
		note(4);
	if (f5)
		note(5);
	if (f6)
		note(6);
	if (f7)
		note(7);
	if (f8)
		note(8);
	if (f9)
		note(9);
	if (f10)
		note(10);
	if (f11)
		note(11);
	if (f12)
		note(12);
	if (f13)
		note(13);
	if (f14)
		note(14);
	if (f15)
		note(15);
	if (f16)
		note(16);
	if (f17)
		note(17);
	if (f18)
		note(18);
	if (f19)
		note(19);
	if (f20)
		note(20);
	if (f21)
		note(21);
	if (f22)
		note(22);
	if (f23)
		note(23);
	unpin_user_pages(pages, 4);
	return 0;
}
/*
 * check-name: a function over the path budget is named in the coverage, not guessed
 * check-json: coverage.paths_cut.0.function = "branchy"
 * check-json: coverage.paths_cut.0.line = 14
 * check-json: coverage.paths_cut.0.reason = "path walk over its step limit"
 * check-json: summary.findings = 0
 */
