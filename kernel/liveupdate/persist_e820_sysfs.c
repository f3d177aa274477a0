// SPDX-License-Identifier: GPL-2.0
/*
 * Persisted memory in sysfs: /sys/kernel/persist_e820/<name>/{start,size,
 * owner,origin}, one directory per named range, which holds the last
 * reference to the range (Documentation/ABI/testing/sysfs-kernel-persist_e820).
 */

#define pr_fmt(fmt) "persist_e820: " fmt

#include <linux/kobject.h>
#include <linux/persist_e820_registry.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

static struct kset *persist_kset;

static const char *persist_origin(u32 flags)
{
	if (flags & PERSIST_E820_F_UNNAMED)
		return "unnamed";
	if (flags & PERSIST_E820_F_INHERITED)
		return "inherited";
	if (flags & PERSIST_E820_F_ALLOCATED)
		return "allocated";
	return "registered";
}

static struct persist_e820_region *to_range(struct kobject *kobj)
{
	return container_of(kobj, struct persist_e820_region, kobj);
}

static ssize_t start_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%#llx\n", to_range(kobj)->start);
}

static ssize_t size_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	struct persist_e820_region *r = to_range(kobj);

	return sysfs_emit(buf, "%llu\n", r->end - r->start);
}

static ssize_t owner_show(struct kobject *kobj, struct kobj_attribute *attr,
			  char *buf)
{
	return sysfs_emit(buf, "%s\n", to_range(kobj)->owner);
}

static ssize_t origin_show(struct kobject *kobj, struct kobj_attribute *attr,
			   char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  persist_origin(READ_ONCE(to_range(kobj)->flags)));
}

/* A physical address: for root only, as in /proc/iomem */
static struct kobj_attribute persist_attr_start = __ATTR_RO_MODE(start, 0400);
static struct kobj_attribute persist_attr_size = __ATTR_RO(size);
static struct kobj_attribute persist_attr_owner = __ATTR_RO(owner);
static struct kobj_attribute persist_attr_origin = __ATTR_RO(origin);

static struct attribute *persist_range_attrs[] = {
	&persist_attr_start.attr,
	&persist_attr_size.attr,
	&persist_attr_owner.attr,
	&persist_attr_origin.attr,
	NULL,
};
ATTRIBUTE_GROUPS(persist_range);

static void persist_range_kobj_release(struct kobject *kobj)
{
	kfree(to_range(kobj));
}

static const struct kobj_type persist_range_ktype = {
	.release = persist_range_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = persist_range_groups,
};

/**
 * persist_e820_range_init() - set up a new range's kobject
 * @r: the range, zeroed
 */
void persist_e820_range_init(struct persist_e820_region *r)
{
	kobject_init(&r->kobj, &persist_range_ktype);
}

/**
 * persist_e820_sysfs_add() - list a range under /sys/kernel/persist_e820/
 * @r: the range; the record is not listed
 */
void persist_e820_sysfs_add(struct persist_e820_region *r)
{
	int ret;

	if (r->in_sysfs || r->flags & PERSIST_E820_F_RECORD)
		return;
	if (!persist_kset) {
		persist_kset = kset_create_and_add("persist_e820", NULL, kernel_kobj);
		if (!persist_kset) {
			pr_warn("no /sys/kernel/persist_e820\n");
			return;
		}
	}
	r->kobj.kset = persist_kset;
	ret = kobject_add(&r->kobj, NULL, "%s", r->name);
	if (ret)
		pr_warn("%s: not listed in sysfs: %d\n", r->name, ret);
	else
		r->in_sysfs = true;
}

/**
 * persist_e820_range_put() - drop a range that is no longer in the registry
 * @r: the range
 */
void persist_e820_range_put(struct persist_e820_region *r)
{
	if (r->in_sysfs)
		kobject_del(&r->kobj);
	kobject_put(&r->kobj);
}
