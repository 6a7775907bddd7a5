/* Input of cocci/splice_read.cocci; the expected result is .res. */
const struct file_operations simple_fops = {
	.read_iter	= generic_file_read_iter,
	.splice_read	= generic_file_splice_read,
};

const struct file_operations own_fops = {
	.read_iter	= own_read_iter,
	.splice_read	= generic_file_splice_read,
};

long both(struct file *in, loff_t *pos, struct pipe_inode_info *p)
{
	long a = direct_splice_read(in, pos, p, 4096, 0);

	return a < 0 ? a : do_splice_to(in, pos, p, 4096, 0);
}
