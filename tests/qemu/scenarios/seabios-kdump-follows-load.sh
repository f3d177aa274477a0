# SPDX-License-Identifier: GPL-2.0
# As seabios-kdump-follows, with the crash kernel loaded by kexec_load
# (kexec -c -p --hotplug; without -c kexec-tools tries kexec_file_load):
# kexec-tools makes the ELF headers from /proc/iomem, and the kernel
# prepares them again once the load is done, and after every change.
. "${SCENARIO_DIR:-/scenarios}/seabios-kdump-follows.sh"

KDUMP_LOAD="-c -p --hotplug"
