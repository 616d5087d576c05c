/* h_cwd - test helper: prints the runtime's working directory of this
 * process (WASIX getcwd), which spawn/exec inherit. */
#include <stdint.h>
#include <stdio.h>

#include "../../../guest/wasix.h"

int main(void)
{
	char buf[256];
	uint32_t len = sizeof(buf);
	if (wx_raw_getcwd(WX_PTR(buf), WX_PTR(&len)) != 0)
		return 1;
	printf("%s\n", buf);
	return 0;
}
