/* Build configuration of the (mock) product. */
#define PRODUCT_NAME "IP-400"
#define ENABLE_SWD 1
#define ENABLE_TEST_HOOKS 0
