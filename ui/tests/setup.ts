import { afterEach, beforeEach } from "vitest";
import { setLocale } from "../src/lib/i18n";

beforeEach(() => {
  localStorage.clear();
  setLocale("nl");
  location.hash = "";
});

afterEach(() => {
  localStorage.clear();
});
