import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { isDark, themeFor } from "../../src/taskpane/theme";

test("Office's dark body backgrounds give the dark theme; light, unknown or missing give the light one", () => {
  expect(isDark("#262626")).toBe(true);
  expect(isDark("#000")).toBe(true);
  expect(isDark("#FFFFFF")).toBe(false);
  expect(isDark("#e6e6e6")).toBe(false);
  expect(isDark("not a colour")).toBe(false);
  expect(isDark(undefined)).toBe(false);
  expect(themeFor("#1f1f1f")).toBe(webDarkTheme);
  expect(themeFor(null)).toBe(webLightTheme);
});
