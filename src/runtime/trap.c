/*
 * trap.c - the text of each trap kind.
 *
 * The strings are exactly those of the spec test suite's assert_trap /
 * assert_exhaustion forms (spec 4.4 "Instructions" names the conditions,
 * the .wast files fix the wording), so the spec runner can compare them
 * directly and users see the same words every other engine prints.
 * Where the suite has no wording (host failure, interrupt) the text is
 * ours.
 *
 * Invariant: every enum wx_trap value has a non-NULL message.
 */
#include "runtime.h"

static const char *const wx_trap_messages[] = {
	[WX_TRAP_NONE] = "no trap",
	[WX_TRAP_UNREACHABLE] = "unreachable",
	[WX_TRAP_OOB_MEMORY] = "out of bounds memory access",
	[WX_TRAP_OOB_TABLE] = "out of bounds table access",
	[WX_TRAP_DIV_ZERO] = "integer divide by zero",
	[WX_TRAP_INT_OVERFLOW] = "integer overflow",
	[WX_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
	/* The suite sometimes appends the index ("uninitialized element
	 * 2"); runners match on the prefix. */
	[WX_TRAP_INDIRECT_NULL] = "uninitialized element",
	[WX_TRAP_INDIRECT_TYPE] = "indirect call type mismatch",
	[WX_TRAP_UNDEFINED_ELEMENT] = "undefined element",
	[WX_TRAP_STACK_EXHAUSTED] = "call stack exhausted",
	[WX_TRAP_UNALIGNED_ATOMIC] = "unaligned atomic",
	[WX_TRAP_NULL_REFERENCE] = "null reference",
	/* Segment initialisation is memory.init / table.init (spec 4.5.4),
	 * so it fails with their messages (data.wast, elem.wast). */
	[WX_TRAP_OOB_DATA_SEGMENT] = "out of bounds memory access",
	[WX_TRAP_OOB_ELEM_SEGMENT] = "out of bounds table access",
	[WX_TRAP_EXPECTED_SHARED] = "expected shared memory",
	[WX_TRAP_HOST] = "host function failed",
	[WX_TRAP_INTERRUPTED] = "interrupted",
	[WX_TRAP_NULL_EXNREF] = "null exception reference",
	[WX_TRAP_UNCAUGHT_EXCEPTION] = "uncaught exception",
	[WX_TRAP_NULL_FUNCREF] = "null function reference",
};

const char *wx_trap_message(enum wx_trap kind)
{
	if ((unsigned)kind >= WX_ARRAY_LEN(wx_trap_messages) ||
	    wx_trap_messages[kind] == NULL)
		return "unknown trap";
	return wx_trap_messages[kind];
}
