/**
 * Importing PyTorch checkpoints in pure Java: torch.save zip archives holding a state_dict
 * ({@code .pt}, {@code .pth}) or a PyTorch Lightning checkpoint ({@code .ckpt}, spec §8).
 *
 * <h2>Reading</h2>
 * <ul>
 *   <li>{@link org.jclef.nn.checkpoint.TorchCheckpoint#load} reads a file's state_dict into jclef
 *       tensors, in file order, keys unchanged; a Lightning checkpoint's other entries (epoch,
 *       global_step, loops, optimizer_states, …) come as plain Java values whose tensors are left
 *       unread.</li>
 *   <li>{@link org.jclef.nn.checkpoint.StateDictMatcher} checks the keys and shapes against what a
 *       model expects and explains every difference (prefix to strip, BatchNorm entries to skip,
 *       another model size).</li>
 *   <li>{@link org.jclef.nn.checkpoint.CheckpointSummary} lists a file without reading tensor
 *       data ({@code jclef info}); safetensors plugs in through its {@code of} factory.</li>
 *   <li>{@link org.jclef.nn.checkpoint.TorchArchive} is the layer below: the open archive, its
 *       unpickled object and on-demand tensors.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Pickle.</b> torch.save writes protocol 2 by default (torch 1.6 … 2.x). Checked against
 *       torch 1.13 output, a state_dict uses PROTO, GLOBAL, BINPERSID, REDUCE, BUILD (the
 *       state_dict's {@code _metadata} attribute), MARK, TUPLE, TUPLE1–3, EMPTY_TUPLE (missing from
 *       the spec's list: it is OrderedDict's argument and a scalar's size), EMPTY_DICT, SETITEM(S),
 *       BININT1/2, BINUNICODE, NEWFALSE, BINPUT, LONG_BINPUT, BINGET, LONG_BINGET, STOP; a
 *       Lightning checkpoint adds EMPTY_LIST, APPEND(S), BINFLOAT, NONE and NEWTRUE. All binary
 *       data opcodes of protocols 2–5 are executed, so {@code pickle_protocol=4} files (FRAME,
 *       SHORT_BINUNICODE, MEMOIZE, STACK_GLOBAL, …) load too; see
 *       {@link org.jclef.nn.checkpoint.PickleOpcode} for what is refused and why.</li>
 *   <li><b>Allow-list.</b> Only the globals listed on
 *       {@link org.jclef.nn.checkpoint.PickleGlobals} may be named; anything else is refused
 *       when the GLOBAL opcode is read, naming {@code module.name}. Nothing from the file is ever
 *       executed: the allowed callables are re-implemented in Java.</li>
 *   <li><b>Types.</b> float32 → F32, float64 → F64, float16 and bfloat16 → F32 (exact widening),
 *       integer and bool tensors → F64 (exact; int64 values beyond ±2^53 are refused, naming the
 *       tensor). The PyTorch type of each entry stays available
 *       ({@link org.jclef.nn.checkpoint.TorchCheckpoint#sourceDType}).</li>
 *   <li><b>Views.</b> Offsets and any non-negative strides are honoured (transposed, permuted,
 *       sliced, expanded). Contiguous float views of one PyTorch storage share one jclef storage,
 *       as after torch.load; other views are copied. Every view is checked against its storage's
 *       size before anything is read.</li>
 *   <li><b>Archives.</b> Any root directory name (the file stem for torch.save to a path,
 *       {@code archive} for a buffer, as Lightning saves); {@code version} or
 *       {@code .data/version}; the {@code byteorder} record of torch ≥ 2.1 (big-endian refused);
 *       {@code .data/serialization_id}, {@code .format_version} and {@code .storage_alignment} of
 *       newer torch are not needed and ignored; stored or deflated records, data descriptors,
 *       zip64; CRC-32 verified for every record read. TorchScript archives, the legacy non-zip
 *       format (torch &lt; 1.6) and tar archives (torch &lt; 0.4) are refused with how to re-save.</li>
 *   <li><b>Bounded work.</b> Declared lengths are checked against the bytes that remain before
 *       allocation, the machine is a loop, memo and stack grow by one entry per opcode, dict keys
 *       nest at most 32 tuples deep, walks over unpickled values visit each object once, and a
 *       storage is allocated only after its record's size matched the pickle's declaration and the
 *       file's length.</li>
 * </ul>
 */
package org.jclef.nn.checkpoint;
