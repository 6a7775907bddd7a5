/* ... and a user pins pages of its own and drops them through its ops. */
#include "buf.h"

struct drop_ops {
	void (*rel)(struct page **pages, int n);
};

static void drop_unpin(struct page **pages, int n)
{
	unpin_user_pages(pages, n);
}

static void drop_put(struct page **pages, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_page(pages[i]);
}

const struct drop_ops drop_pinned = { .rel = drop_unpin };
const struct drop_ops drop_got = { .rel = drop_put };

int drop_use(const struct drop_ops *o, unsigned long addr, int n)
{
	struct page *pages[8];
	int ret = pin_user_pages_fast(addr, n, 0, pages);

	if (ret <= 0)
		return ret;
	o->rel(pages, ret);
	return 0;
}

/*
 * check-name: pages released through an ops field whose instances unpin or put: the instance decides, no finding
 * check-command: scan --engine clang --external --tree . .
 * check-exit-value: 0
 *
 * check-output-start
 * check-output-end
 *
 * check-json: coverage.ops_calls.resolved = 1
 */
