# SPDX-License-Identifier: GPL-2.0
# As seabios-kdump, with the crash kernel loaded by kexec_load without
# hotplug support (kexec -p, as kdump tools do): our kexec-tools makes the
# ELF headers from /proc/iomem, where each range allocated in this boot is
# a "Persisted Memory" resource inside System RAM, and leaves them out.
# Before, the ranges were plain System RAM there and in the vmcore.
. "${SCENARIO_DIR:-/scenarios}/seabios-kdump.sh"

KDUMP_LOAD="-c -p"
