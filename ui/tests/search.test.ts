import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within, fireEvent, waitFor } from "@testing-library/svelte";
import { deferred, searchResults, residentSummary } from "./fixtures";
import type { SearchResults } from "../src/lib/bindings";
import { installFakeBackend } from "./fakeBackend";
import SearchBox from "../src/components/SearchBox.svelte";
import SearchScreen from "../src/screens/SearchScreen.svelte";
import { appSearch, createSearch } from "../src/lib/search.svelte";
import { setLocale } from "../src/lib/i18n";

const b = installFakeBackend();

const search = b.search;

function renderSearch() {
  render(SearchBox);
  render(SearchScreen);
  return screen.getByTestId("search-input") as HTMLInputElement;
}

async function type(input: HTMLInputElement, value: string) {
  input.value = value;
  await fireEvent.input(input);
}

describe("search", () => {
  beforeEach(() => {
    appSearch.clear();
  });

  it("shows a hint for an empty or short query and does not search", async () => {
    const input = renderSearch();
    expect(screen.getByText(/Typ minstens 2 tekens/)).toBeTruthy();
    await type(input, "j");
    await new Promise((r) => setTimeout(r, 100));
    expect(search).not.toHaveBeenCalled();
    expect(screen.queryByTestId("search-results")).toBeNull();
  });

  it("groups results by resident, with devices and unassigned devices", async () => {
    search.mockResolvedValue(searchResults({ truncated: true }));
    const input = renderSearch();
    await type(input, "jan");
    const results = await screen.findByTestId("search-results");
    expect(search).toHaveBeenCalledWith("jan");
    expect(location.hash).toBe("#/search?q=jan");

    const groups = within(results).getAllByTestId("search-group");
    expect(groups).toHaveLength(2);
    expect(within(groups[0]).getByTestId("search-result-resident").textContent).toMatch(/Jan Jansen/);
    expect(within(groups[0]).getByTestId("search-result-resident").textContent).toMatch(/7311 AB/);
    expect(within(groups[0]).getByText("Gevonden op naam/adres")).toBeTruthy();
    expect(within(groups[1]).getByText("Gevonden op hulpmiddel")).toBeTruthy();
    expect(within(groups[0]).getAllByTestId("search-result-device")).toHaveLength(2);
    expect(within(groups[0]).getAllByTestId("search-result-device")[0].textContent).toMatch(
      /WMO-0001234.*Elektrische rolstoel.*Permobil M3 Corpus.*SN-998877/s,
    );
    // The depot device is in its own group, not under a resident.
    const all = within(results).getAllByTestId("search-result-device");
    expect(all).toHaveLength(4);
    expect(all[3].getAttribute("href")).toBe("#/device/dev-4");
    expect(groups.some((g) => g.contains(all[3]))).toBe(false);
    expect(screen.getByTestId("search-truncated")).toBeTruthy();
  });

  it("counts residents and devices each, singular and plural, in both languages", async () => {
    const input = renderSearch();
    const count = async (results: SearchResults, query: string) => {
      search.mockResolvedValue(results);
      await type(input, query);
      await waitFor(() => expect(search).toHaveBeenCalledWith(query));
      return (await screen.findByTestId("search-count")).textContent?.trim();
    };
    const [jan, piet] = searchResults().groups;
    const one = { ...jan, devices: jan.devices.slice(0, 1) };
    expect(await count(searchResults({ groups: [one], unassigned_devices: [] }), "ja")).toBe(
      "1 inwoner en 1 hulpmiddel gevonden",
    );
    expect(await count(searchResults(), "jan")).toBe("2 inwoners en 4 hulpmiddelen gevonden");
    expect(await count(searchResults({ groups: [{ ...piet, devices: [] }], unassigned_devices: [] }), "pie")).toBe(
      "1 inwoner gevonden",
    );
    expect(await count(searchResults({ groups: [] }), "wmo")).toBe("1 hulpmiddel gevonden");
    setLocale("en");
    expect(await count(searchResults({ groups: [one], unassigned_devices: [] }), "jans")).toBe(
      "1 resident and 1 device found",
    );
    expect(await count(searchResults(), "jansen")).toBe("2 residents and 4 devices found");
  });

  it("moves through the results with the arrow keys and opens with Enter", async () => {
    search.mockResolvedValue(searchResults());
    const input = renderSearch();
    input.focus();
    await type(input, "jan");
    await screen.findByTestId("search-results");

    await fireEvent.keyDown(input, { key: "ArrowDown" });
    const items = [
      ...screen.getByTestId("search-results").querySelectorAll<HTMLElement>("[data-nav-item]"),
    ];
    expect(items).toHaveLength(6);
    expect(document.activeElement).toBe(items[0]);
    expect(items[0].dataset.testid).toBe("search-result-resident");

    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[3]);
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(items[2]);
    await fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(document.activeElement).toBe(items[5]);
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[5]);
    await fireEvent.keyDown(document.activeElement!, { key: "Home" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(document.activeElement).toBe(input);

    await fireEvent.keyDown(input, { key: "ArrowDown" });
    await fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    await fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(location.hash).toBe("#/device/dev-1");
  });

  it("Enter in the box opens the first result; Escape clears the box", async () => {
    search.mockResolvedValue(searchResults());
    const input = renderSearch();
    await type(input, "jan");
    await fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(location.hash).toBe("#/resident/res-1"));

    await fireEvent.keyDown(input, { key: "Escape" });
    expect(input.value).toBe("");
    expect(appSearch.state.query).toBe("");
  });

  it("focuses the box with / and Ctrl+K", async () => {
    const input = renderSearch();
    (document.activeElement as HTMLElement | null)?.blur();
    await fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(input);
    input.blur();
    await fireEvent.keyDown(document.body, { key: "k", ctrlKey: true });
    expect(document.activeElement).toBe(input);
  });

  it("ignores responses that arrive out of order", async () => {
    const slow = deferred<SearchResults>();
    const fast = deferred<SearchResults>();
    search.mockImplementation((q) => (q === "jan" ? slow.promise : fast.promise));
    const input = renderSearch();
    await type(input, "jan");
    await waitFor(() => expect(search).toHaveBeenCalledWith("jan"));
    await type(input, "janssen");
    await waitFor(() => expect(search).toHaveBeenCalledWith("janssen"));

    fast.resolve(
      searchResults({
        query: "janssen",
        groups: [
          { resident: residentSummary({ id: "r9", name: "Els Janssen" }), resident_matched: true, devices: [] },
        ],
        unassigned_devices: [],
      }),
    );
    await screen.findByText("Els Janssen");
    slow.resolve(searchResults({ query: "jan" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("Jan Jansen")).toBeNull();
    expect(screen.getAllByTestId("search-group")).toHaveLength(1);
  });

  it("debounces keystrokes into one search", async () => {
    const run = vi.fn(async (q: string) => searchResults({ query: q }));
    const s = createSearch(run, 60);
    s.setQuery("ja");
    s.setQuery("jan");
    s.setQuery("jans");
    await new Promise((r) => setTimeout(r, 120));
    expect(run).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledWith("jans");
    expect(s.state.results?.query).toBe("jans");
  });
});
