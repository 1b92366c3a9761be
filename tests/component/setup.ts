/**
 * The component tests' waiting: Testing Library's waitFor gives up after 1 s by default, which a
 * loaded 2-core machine can exceed while Plot is first imported. A condition that holds is found as
 * soon as it holds; the limit only decides how long a failing test takes to say so.
 */
import { configure } from "@testing-library/preact";

configure({ asyncUtilTimeout: 60_000 });
