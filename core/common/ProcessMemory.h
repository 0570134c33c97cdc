#pragma once

namespace sb {

// Tells glibc's allocator to keep freed memory in the process for reuse. Training and
// evaluation free and re-allocate tensors of tens of megabytes every batch; by default
// glibc hands blocks that large back to the kernel at once, so each batch faults its
// memory in again, page by page (an evaluation of 1,800 clips spent 10 of its 14 s in
// the kernel; with this, 6 s in all). Call once, first thing in main().
void keepFreedMemoryForReuse();

}  // namespace sb
