// SPDX-License-Identifier: GPL-2.0
/*
 * Test of persisted memory as a hypervisor's deposit path uses it: pages
 * deposited one at a time through a persisted pool, filled, and after kexec
 * adopted by name and verified. Nothing reads a deposited page in between.
 *
 * At boot the test adopts the pool "test_deposit" if the previous kernel
 * left one, checks every page in use and prints
 *
 *   test_persist_e820: adopted N pages in C chunks: N good, 0 bad
 *
 * Its parameters drive it, written at run time or given on the command line
 * (test_persist_e820.deposit=N deposits at boot):
 *
 *   /sys/module/test_persist_e820/parameters/deposit	deposit N more pages
 *   /sys/module/test_persist_e820/parameters/withdraw	1: free every page,
 *							release the pool
 *   /sys/module/test_persist_e820/parameters/register	allocate N pages
 *			itself, fill them and register them as "test_register"
 *			(as a driver would its IOMMU page tables); the next
 *			kernel adopts and checks them
 *   /sys/module/test_persist_e820/parameters/bench	time N deposits
 *			through a pool against N alloc_page() calls
 *   /sys/module/test_persist_e820/parameters/hold_lock	hold the registry's
 *			lock for N ms (at most 10000), as a long change of
 *			the registry does, for a reboot or kexec to meet it
 *
 * Each page holds a pattern made of its physical address, so that it can
 * be checked anywhere it lands.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/highmem.h>
#include <linux/delay.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/persist_e820.h>
#include <linux/persist_e820_registry.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#define REG_NAME	"test_register"
#define POOL_NAME	"test_deposit"
#define POOL_OWNER	"test_persist"
#define POOL_CHUNK	SZ_16M
#define PATTERN		0x9e3779b97f4a7c15ULL

static DEFINE_MUTEX(test_lock);
static struct persist_e820_pool *test_pool;
/* Set at init; before that, deposits asked for are only counted */
static bool test_ready;
static unsigned long test_pending;

static u64 test_word(phys_addr_t page, unsigned int i)
{
	return (page + i * sizeof(u64)) ^ PATTERN;
}

static void test_fill(struct page *page)
{
	phys_addr_t phys = page_to_phys(page);
	u64 *p = kmap_local_page(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		p[i] = test_word(phys, i);
	kunmap_local(p);
}

static bool test_good(struct page *page)
{
	phys_addr_t phys = page_to_phys(page);
	u64 *p = kmap_local_page(page);
	unsigned int i;
	bool good = true;

	for (i = 0; i < PAGE_SIZE / sizeof(u64) && good; i++)
		good = p[i] == test_word(phys, i);
	kunmap_local(p);
	return good;
}

static int test_deposit(unsigned long n)
{
	ktime_t t0 = ktime_get();
	unsigned long i;

	if (!test_pool) {
		test_pool = persist_e820_pool_create(POOL_NAME, POOL_OWNER,
						     POOL_CHUNK);
		if (IS_ERR(test_pool)) {
			int ret = PTR_ERR(test_pool);

			test_pool = NULL;
			return ret;
		}
	}
	for (i = 0; i < n; i++) {
		struct page *page = persist_e820_pool_alloc_page(test_pool);

		if (!page) {
			pr_err("deposit %lu of %lu failed\n", i + 1, n);
			return -ENOMEM;
		}
		test_fill(page);
	}
	pr_info("deposited %lu pages: %lu in use in %u chunks, in %lld us\n", n,
		persist_e820_pool_used(test_pool),
		persist_e820_pool_chunks(test_pool),
		ktime_us_delta(ktime_get(), t0));
	return 0;
}

static int test_withdraw(void)
{
	ktime_t t0 = ktime_get();
	struct page *page;
	unsigned long n = 0;
	int ret;

	if (!test_pool)
		return 0;
	while ((page = persist_e820_pool_next(test_pool, NULL))) {
		persist_e820_pool_free_page(test_pool, page);
		n++;
	}
	ret = persist_e820_pool_destroy(test_pool);
	if (ret)
		return ret;
	test_pool = NULL;
	pr_info("withdrew %lu pages, pool released, in %lld us\n", n,
		ktime_us_delta(ktime_get(), t0));
	return 0;
}

/*
 * Pages above 256 MiB, where persisted memory is safe from an older
 * kernel's kexec_file_load placement (see PERSIST_ALLOC_FLOOR): carved
 * from 4 MiB blocks, of which 64 cover the memory below.
 */
static void *test_alloc_high(size_t size)
{
	size_t block = max_t(size_t, size, SZ_4M);
	void *held[64], *p = NULL;
	int i, n = 0;

	while (n < ARRAY_SIZE(held)) {
		p = alloc_pages_exact(block, GFP_KERNEL | __GFP_NOWARN);
		if (!p || virt_to_phys(p) >= SZ_256M)
			break;
		held[n++] = p;
		p = NULL;
	}
	for (i = 0; i < n; i++)
		free_pages_exact(held[i], block);
	if (p && block > size)
		free_pages_exact(p + size, block - size);
	return p;
}

/* Memory of our own, persisted as it is */
static int test_register(unsigned long n)
{
	size_t size = n << PAGE_SHIFT;
	unsigned long i;
	void *p;
	int ret;

	if (!n || n > 1024)
		return -EINVAL;
	p = test_alloc_high(size);
	if (!p)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		test_fill(virt_to_page(p) + i);
	ret = persist_e820_register(REG_NAME, POOL_OWNER, virt_to_phys(p), size);
	if (ret) {
		free_pages_exact(p, size);
		return ret;
	}
	pr_info("registered %lu pages of its own as %s\n", n, REG_NAME);
	return 0;
}

/* After kexec: the registered range, adopted and checked */
static void test_adopt_registered(void)
{
	unsigned long i, good = 0;
	phys_addr_t start;
	size_t size;

	if (persist_e820_adopt(REG_NAME, POOL_OWNER, &start, &size))
		return;
	for (i = 0; i < size >> PAGE_SHIFT; i++)
		good += test_good(pfn_to_page(PHYS_PFN(start) + i));
	pr_info("adopted %s: %lu pages, %lu good\n", REG_NAME,
		(unsigned long)(size >> PAGE_SHIFT), good);
}

static int register_set(const char *val, const struct kernel_param *kp)
{
	unsigned long n;
	int ret = kstrtoul(val, 0, &n);

	if (ret || !READ_ONCE(test_ready))
		return ret ? ret : -EBUSY;
	mutex_lock(&test_lock);
	ret = test_register(n);
	mutex_unlock(&test_lock);
	return ret;
}

/*
 * Deposit rate: @n pages one at a time through a fresh pool (chunks
 * persisted as it grows), then @n alloc_page() calls; everything is given
 * back afterwards.
 */
static int test_bench(unsigned long n)
{
	struct persist_e820_pool *pool;
	struct page **pages;
	s64 t_pool, t_plain;
	unsigned long i, got;
	ktime_t t0;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	pool = persist_e820_pool_create("test_bench", POOL_OWNER, POOL_CHUNK);
	if (IS_ERR(pool)) {
		kvfree(pages);
		return PTR_ERR(pool);
	}
	t0 = ktime_get();
	for (got = 0; got < n; got++) {
		pages[got] = persist_e820_pool_alloc_page(pool);
		if (!pages[got])
			break;
	}
	t_pool = ktime_to_ns(ktime_sub(ktime_get(), t0));
	for (i = 0; i < got; i++)
		persist_e820_pool_free_page(pool, pages[i]);
	persist_e820_pool_destroy(pool);
	if (got < n) {
		kvfree(pages);
		return -ENOMEM;
	}

	t0 = ktime_get();
	for (got = 0; got < n; got++) {
		pages[got] = alloc_page(GFP_KERNEL);
		if (!pages[got])
			break;
	}
	t_plain = ktime_to_ns(ktime_sub(ktime_get(), t0));
	for (i = 0; i < got; i++)
		__free_page(pages[i]);
	kvfree(pages);
	if (got < n)
		return -ENOMEM;
	pr_info("bench: %lu pages: pool %lld ns/page, alloc_page %lld ns/page\n",
		n, t_pool / n, t_plain / n);
	return 0;
}

static int bench_set(const char *val, const struct kernel_param *kp)
{
	unsigned long n;
	int ret = kstrtoul(val, 0, &n);

	if (ret || !n || !READ_ONCE(test_ready))
		return ret ? ret : -EINVAL;
	mutex_lock(&test_lock);
	ret = test_bench(n);
	mutex_unlock(&test_lock);
	return ret;
}

static int deposit_set(const char *val, const struct kernel_param *kp)
{
	unsigned long n;
	int ret = kstrtoul(val, 0, &n);

	if (ret)
		return ret;
	if (!READ_ONCE(test_ready)) {	/* the command line, at early boot */
		test_pending = n;
		return 0;
	}
	mutex_lock(&test_lock);
	ret = test_deposit(n);
	mutex_unlock(&test_lock);
	return ret;
}

static int withdraw_set(const char *val, const struct kernel_param *kp)
{
	bool yes;
	int ret = kstrtobool(val, &yes);

	if (ret || !yes || !READ_ONCE(test_ready))
		return ret;
	mutex_lock(&test_lock);
	ret = test_withdraw();
	mutex_unlock(&test_lock);
	return ret;
}

static int hold_lock_set(const char *val, const struct kernel_param *kp)
{
	unsigned int ms;
	int ret = kstrtouint(val, 0, &ms);

	if (ret || !ms || ms > 10000 || !READ_ONCE(test_ready))
		return ret ? ret : -EINVAL;
	mutex_lock(&persist_e820_mutex);
	pr_info("holding the registry lock for %u ms\n", ms);
	msleep(ms);
	pr_info("registry lock released\n");
	mutex_unlock(&persist_e820_mutex);
	return 0;
}

static const struct kernel_param_ops deposit_ops = { .set = deposit_set };
static const struct kernel_param_ops withdraw_ops = { .set = withdraw_set };
static const struct kernel_param_ops register_ops = { .set = register_set };
static const struct kernel_param_ops bench_ops = { .set = bench_set };
static const struct kernel_param_ops hold_lock_ops = { .set = hold_lock_set };
module_param_cb(deposit, &deposit_ops, NULL, 0200);
MODULE_PARM_DESC(deposit, "deposit this many more pages, one at a time");
module_param_cb(withdraw, &withdraw_ops, NULL, 0200);
MODULE_PARM_DESC(withdraw, "1: withdraw every page and release the pool");
module_param_cb(register, &register_ops, NULL, 0200);
MODULE_PARM_DESC(register, "allocate, fill and register this many pages");
module_param_cb(bench, &bench_ops, NULL, 0200);
MODULE_PARM_DESC(bench, "time this many deposits through a pool and alloc_page()");
module_param_cb(hold_lock, &hold_lock_ops, NULL, 0200);
MODULE_PARM_DESC(hold_lock, "hold the registry's lock for this many ms");
static bool adopt_registered = true;
module_param(adopt_registered, bool, 0444);
MODULE_PARM_DESC(adopt_registered, "0: leave the registered range unadopted in this boot");

static int __init test_persist_e820_init(void)
{
	unsigned long good = 0, bad = 0;
	struct persist_e820_pool *pool;
	struct page *page = NULL;
	s64 t_adopt;
	ktime_t t0;

	mutex_lock(&test_lock);
	WRITE_ONCE(test_ready, true);
	if (adopt_registered)
		test_adopt_registered();
	t0 = ktime_get();
	pool = persist_e820_pool_adopt(POOL_NAME, POOL_OWNER);
	t_adopt = ktime_us_delta(ktime_get(), t0);
	if (IS_ERR(pool)) {
		if (PTR_ERR(pool) != -ENOENT)
			pr_err("cannot adopt %s: %ld\n", POOL_NAME, PTR_ERR(pool));
		goto out;
	}
	while ((page = persist_e820_pool_next(pool, page))) {
		if (test_good(page))
			good++;
		else if (bad++ < 8)
			pr_err("page %pa: content lost\n", &(phys_addr_t){ page_to_phys(page) });
	}
	pr_info("adopted %lu pages in %u chunks: %lu good, %lu bad, in %lld us, checked in %lld us\n",
		good + bad, persist_e820_pool_chunks(pool), good, bad, t_adopt,
		ktime_us_delta(ktime_get(), t0) - t_adopt);
	test_pool = pool;
out:
	if (test_pending)
		test_deposit(test_pending);
	mutex_unlock(&test_lock);
	return 0;
}
late_initcall(test_persist_e820_init);

MODULE_DESCRIPTION("Test of persisted page deposits across kexec");
MODULE_LICENSE("GPL");
