// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/persist_e820: persisted memory for user space
 *
 * Root allocates a named range (PERSIST_E820_IOC_ALLOC), lists the
 * registry, binds a file to an existing range by name (OPEN) and maps it,
 * or releases a range. Only memory allocated through the device, or
 * inherited from the previous kernel, can be persisted from here: never an
 * arbitrary physical address. The ABI is <uapi/linux/persist_e820.h>.
 */

#define pr_fmt(fmt) "persist_e820: " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mount.h>
#include <linux/mutex.h>
#include <linux/persist_e820_registry.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/* Orders ALLOC and OPEN, which bind a file to a range (taken first) */
static DEFINE_MUTEX(persist_bind_lock);

/*
 * Every file of the device maps through the address space of this one
 * inode, whatever its device node, so that persist_e820_dev_quiesce() can
 * unmap all of them at once (as /dev/mem does for ranges a driver
 * claims). The inode is of a pseudo file system nobody can mount.
 */
static struct inode *persist_inode;

#define PERSIST_E820_FS_MAGIC	0x70653832	/* "pe82" */

static int persist_fs_init_fs_context(struct fs_context *fc)
{
	return init_pseudo(fc, PERSIST_E820_FS_MAGIC) ? 0 : -ENOMEM;
}

static struct file_system_type persist_fs_type = {
	.name		= "persist_e820",
	.init_fs_context = persist_fs_init_fs_context,
	.kill_sb	= kill_anon_super,
};

/* The ranges were handed to the firmware: user space changes them no more */
static bool persist_quiesced;

/* The registry and the ranges' bytes are user space's to change */
static int persist_writable(void)
{
	lockdep_assert_held(&persist_e820_mutex);
	return persist_quiesced ? -EBUSY : 0;
}

static int persist_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	file->private_data = NULL;
	file->f_mapping = persist_inode->i_mapping;
	return 0;
}

static int persist_release(struct inode *inode, struct file *file)
{
	struct persist_e820_region *r = file->private_data;

	if (r) {
		mutex_lock(&persist_e820_mutex);
		r->users--;
		mutex_unlock(&persist_e820_mutex);
	}
	return 0;
}

/*
 * Copy in an argument that starts with its own size: the smaller of that
 * size and @size, bytes past @size zero (copy_struct_from_user()). A size
 * below @size, the structure's first version, is refused. *@usize is set
 * for persist_copy_out().
 */
static int persist_copy_arg(void *arg, size_t size, const void __user *uarg,
			    u32 *usize)
{
	if (get_user(*usize, (const u32 __user *)uarg))
		return -EFAULT;
	if (*usize < size)
		return -EINVAL;
	return copy_struct_from_user(arg, size, uarg, *usize);
}

/* Copy out the smaller of the caller's size and ours; the size stays theirs */
static int persist_copy_out(void __user *uarg, void *arg, size_t size,
			    u32 usize)
{
	*(u32 *)arg = usize;
	return copy_to_user(uarg, arg, min_t(size_t, size, usize)) ? -EFAULT : 0;
}

static bool persist_zero(const void *p, size_t size)
{
	return !memchr_inv(p, 0, size);
}

static long persist_ioc_alloc(struct file *file, void __user *uarg)
{
	struct persist_e820_alloc a;
	struct persist_e820_region *r;
	u32 usize;
	u64 phys;
	int ret;

	ret = persist_copy_arg(&a, sizeof(a), uarg, &usize);
	if (ret)
		return ret;
	if (a.flags || !persist_zero(a.__reserved, sizeof(a.__reserved)) ||
	    a.phys_addr || !persist_e820_name_valid(a.name, sizeof(a.name)) ||
	    !a.length || !PAGE_ALIGNED(a.length))
		return -EINVAL;
	mutex_lock(&persist_bind_lock);
	mutex_lock(&persist_e820_mutex);
	ret = file->private_data ? -EBUSY : persist_writable();
	if (!ret)
		ret = persist_e820_alloc_range(a.length, a.name, "user",
					       PERSIST_E820_F_ALLOCATED, &phys);
	if (!ret) {
		r = persist_e820_find(a.name);
		r->users++;
		file->private_data = r;
	}
	mutex_unlock(&persist_e820_mutex);
	mutex_unlock(&persist_bind_lock);
	if (ret)
		return ret;

	a.phys_addr = phys;
	return persist_copy_out(uarg, &a, sizeof(a), usize);
}

static long persist_ioc_list(void __user *uarg)
{
	struct persist_e820_range __user *out;
	struct persist_e820_range *buf;
	struct persist_e820_list l;
	u32 n, room, usize;
	int ret;

	ret = persist_copy_arg(&l, sizeof(l), uarg, &usize);
	if (ret)
		return ret;
	if (l.flags || l.__pad || l.generation ||
	    !persist_zero(l.__reserved, sizeof(l.__reserved)))
		return -EINVAL;
	room = min_t(u32, l.count, PERSIST_E820_MAX_RANGES);
	out = u64_to_user_ptr(l.ranges_ptr);

	buf = kvcalloc(max_t(u32, room, 1), sizeof(*buf), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	mutex_lock(&persist_e820_mutex);
	n = persist_e820_list(buf, room);
	l.generation = persist_e820_generation();
	mutex_unlock(&persist_e820_mutex);

	ret = 0;
	if (min(n, room) && copy_to_user(out, buf, min(n, room) * sizeof(*buf)))
		ret = -EFAULT;
	kvfree(buf);
	if (ret)
		return ret;
	l.count = n;
	return persist_copy_out(uarg, &l, sizeof(l), usize);
}

static int persist_get_name(struct persist_e820_name *n, void __user *uarg)
{
	u32 usize;
	int ret = persist_copy_arg(n, sizeof(*n), uarg, &usize);

	if (ret)
		return ret;
	if (n->flags || !persist_zero(n->__reserved, sizeof(n->__reserved)) ||
	    !persist_e820_name_valid(n->name, sizeof(n->name)))
		return -EINVAL;
	return 0;
}

/*
 * Userspace may release its own ranges and unnamed ones (whose owner
 * nobody knows). A kernel user's range is the kernel user's to release,
 * adopted or not yet: a hypervisor may still own deposited pages that its
 * driver has not taken back.
 */
static long persist_ioc_release(void __user *uarg)
{
	struct persist_e820_name n;
	struct persist_e820_region *r;
	int ret;

	ret = persist_get_name(&n, uarg);
	if (ret)
		return ret;
	mutex_lock(&persist_e820_mutex);
	r = persist_e820_find(n.name);
	if (!r)
		ret = -ENOENT;
	else if (persist_writable())
		ret = -EBUSY;
	else if (r->flags & PERSIST_E820_F_KERNEL ||
		 (!(r->flags & PERSIST_E820_F_UNNAMED) && strcmp(r->owner, "user")))
		ret = -EPERM;
	else
		ret = persist_e820_del(r);
	mutex_unlock(&persist_e820_mutex);
	return ret;
}

static long persist_ioc_open(struct file *file, void __user *uarg)
{
	struct persist_e820_name n;
	struct persist_e820_region *r;
	int ret;

	ret = persist_get_name(&n, uarg);
	if (ret)
		return ret;
	mutex_lock(&persist_bind_lock);
	mutex_lock(&persist_e820_mutex);
	r = persist_e820_find(n.name);
	if (!r)
		ret = -ENOENT;
	else if (file->private_data || persist_writable())
		ret = -EBUSY;
	else if (r->flags & (PERSIST_E820_F_KERNEL | PERSIST_E820_F_UNNAMED) ||
		 strcmp(r->owner, "user"))
		ret = -EPERM;	/* a kernel user's, or nobody knows whose */
	else
		r->users++;
	if (!ret)
		file->private_data = r;
	mutex_unlock(&persist_e820_mutex);
	mutex_unlock(&persist_bind_lock);
	return ret;
}

/*
 * Every request needs CAP_SYS_ADMIN, not only the open: a file handed to a
 * less privileged process (a sandboxed VMM) maps the range it is bound to,
 * and does nothing else.
 */
static long persist_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	switch (cmd) {
	case PERSIST_E820_IOC_ALLOC:
		return persist_ioc_alloc(file, uarg);
	case PERSIST_E820_IOC_LIST:
		return persist_ioc_list(uarg);
	case PERSIST_E820_IOC_RELEASE:
		return persist_ioc_release(uarg);
	case PERSIST_E820_IOC_OPEN:
		return persist_ioc_open(file, uarg);
	default:
		return -ENOTTY;
	}
}

static void persist_vm_open(struct vm_area_struct *vma)
{
	struct persist_e820_region *r = vma->vm_private_data;

	mutex_lock(&persist_e820_mutex);
	r->users++;
	mutex_unlock(&persist_e820_mutex);
}

static void persist_vm_close(struct vm_area_struct *vma)
{
	struct persist_e820_region *r = vma->vm_private_data;

	mutex_lock(&persist_e820_mutex);
	r->users--;
	mutex_unlock(&persist_e820_mutex);
}

static const struct vm_operations_struct persist_vm_ops = {
	.open = persist_vm_open,
	.close = persist_vm_close,
};

static int persist_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct persist_e820_region *r = file->private_data;
	unsigned long size = vma->vm_end - vma->vm_start;
	u64 len, off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	int ret;

	if (!r)
		return -EINVAL;
	/* Private copies would not be persisted; persisted memory is data */
	if (!(vma->vm_flags & VM_MAYSHARE))
		return -EINVAL;
	if (vma->vm_flags & VM_EXEC)
		return -EPERM;
	vm_flags_clear(vma, VM_MAYEXEC);
	len = r->end - r->start;
	if (off >= len || size > len - off)
		return -EINVAL;
	mutex_lock(&persist_e820_mutex);
	ret = persist_writable();
	if (!ret)
		ret = remap_pfn_range(vma, vma->vm_start,
				      PHYS_PFN(r->start + off), size,
				      vma->vm_page_prot);
	if (!ret) {
		vma->vm_private_data = r;
		vma->vm_ops = &persist_vm_ops;
		r->users++;
	}
	mutex_unlock(&persist_e820_mutex);
	return ret;
}

/**
 * persist_e820_dev_quiesce() - stop user space changing persisted memory
 *
 * For a handoff that carries the ranges' checksums across a reboot: from
 * now on the device refuses to allocate, bind, map or release, and every
 * mapping of a range is gone, so a process that writes to one gets
 * SIGBUS instead of changing bytes already summed. An mmap() that has
 * mapped its range when this runs, but is not yet linked to its file,
 * may keep its mapping; a write through it shows as a changed range.
 */
void persist_e820_dev_quiesce(void)
{
	lockdep_assert_held(&persist_e820_mutex);
	persist_quiesced = true;
	unmap_mapping_range(persist_inode->i_mapping, 0, 0, 1);
}

static const struct file_operations persist_fops = {
	.owner = THIS_MODULE,
	.open = persist_open,
	.release = persist_release,
	.unlocked_ioctl = persist_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = persist_mmap,
	.fsync = noop_fsync,	/* msync(): the mapping is the memory */
	.llseek = noop_llseek,
};

static struct miscdevice persist_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "persist_e820",
	.fops = &persist_fops,
	.mode = 0600,
};

static int __init persist_e820_dev_init(void)
{
	static struct vfsmount *mnt;
	static int count;
	int ret;

	ret = simple_pin_fs(&persist_fs_type, &mnt, &count);
	if (ret)
		return ret;
	persist_inode = alloc_anon_inode(mnt->mnt_sb);
	if (IS_ERR(persist_inode)) {
		ret = PTR_ERR(persist_inode);
		goto release_fs;
	}
	ret = misc_register(&persist_dev);
	if (ret)
		goto put_inode;
	return 0;

put_inode:
	iput(persist_inode);
release_fs:
	simple_release_fs(&mnt, &count);
	return ret;
}
device_initcall(persist_e820_dev_init);

