/* Part of scoped/lib/iov_iter.c's testcase: a sanity() of its own. */
static int sanity(int x)
{
	return x > 0;
}

int other(int x)
{
	return sanity(x);
}
