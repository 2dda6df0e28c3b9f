#include "store/Clock.h"

namespace ow {

const Clock& Clock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace ow
