/**
 * Which ExcelApi requirement set each Office.js member used by src/excel needs (from the Office.js reference,
 * cross-checked against @types/office-js by test/excel/api-sets.test.ts), the manifest's minimum set, and the
 * guard for members above it.
 */

/** The manifest's <Requirements> minimum (keep in sync with manifest.xml; a test compares them). */
export const MIN_EXCEL_API = "1.7";

/**
 * `Class.member` → ExcelApi version. Members are matched in src/excel by `.member` after an Excel object.
 * Not listed: the run option `delayForCellEdit` (Excel.run({ delayForCellEdit: true }, …)), which the Office.js
 * reference ties to no requirement set; a host that does not honour it fails the batch in cell-edit mode, and the
 * pane then says to finish the cell edit (error code cell_edit).
 */
export const API_MEMBERS: Readonly<Record<string, string>> = {
  "Workbook.worksheets": "1.1",
  "Workbook.settings": "1.4",
  "Workbook.getSelectedRange": "1.1",
  "Workbook.getSelectedRanges": "1.9",
  "RangeAreas.areaCount": "1.9",
  "Workbook.protection": "1.7",
  "Workbook.tables": "1.1",
  "WorkbookProtection.protected": "1.7",
  "WorksheetCollection.getItem": "1.1",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "WorksheetCollection.add": "1.1",
  "WorksheetCollection.getActiveWorksheet": "1.1",
  "WorksheetCollection.getFirst": "1.5",
  "WorksheetCollection.getLast": "1.5",
  "Worksheet.getUsedRange": "1.2",
  "Worksheet.getRangeByIndexes": "1.7",
  "Worksheet.name": "1.1",
  "Worksheet.id": "1.1",
  "Worksheet.visibility": "1.1",
  "Worksheet.getRange": "1.1",
  "Worksheet.protection": "1.2",
  "Worksheet.charts": "1.1",
  "Worksheet.tables": "1.1",
  "Worksheet.onChanged": "1.7",
  "Worksheet.activate": "1.1",
  "Worksheet.delete": "1.1",
  "WorksheetProtection.protected": "1.2",
  "WorksheetProtection.protect": "1.2",
  "WorksheetProtection.unprotect": "1.7",
  "WorksheetChangedEventArgs.address": "1.7",
  "WorksheetChangedEventArgs.changeType": "1.7",
  "WorksheetChangedEventArgs.triggerSource": "1.14",
  "Range.address": "1.1",
  "Range.values": "1.1",
  "Range.formulas": "1.1",
  "Range.numberFormat": "1.1",
  "Range.rowIndex": "1.1",
  "Range.columnHidden": "1.2",
  "Range.columnIndex": "1.1",
  "Range.worksheet": "1.1",
  "Range.format": "1.1",
  "Range.clear": "1.1",
  "Range.select": "1.1",
  "Range.conditionalFormats": "1.6",
  "Range.dataValidation": "1.8",
  "Range.getMergedAreasOrNullObject": "1.13",
  "Range.getIntersectionOrNullObject": "1.4",
  "RangeAreas.address": "1.9",
  "RangeFormat.wrapText": "1.1",
  "RangeFormat.protection": "1.2",
  "FormatProtection.locked": "1.2",
  "Range.formulasR1C1": "1.2",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.font": "1.1",
  "RangeFont.bold": "1.1",
  "DataValidation.type": "1.8",
  "DataValidation.rule": "1.8",
  "DataValidation.clear": "1.8",
  "DataValidationRule.list": "1.8",
  "ListDataValidation.source": "1.8",
  "ListDataValidation.inCellDropDown": "1.8",
  "ConditionalFormatCollection.add": "1.6",
  "ConditionalFormat.type": "1.6",
  "ConditionalFormat.custom": "1.6",
  "ConditionalFormat.delete": "1.6",
  "CustomConditionalFormat.rule": "1.6",
  "CustomConditionalFormat.format": "1.6",
  "ConditionalFormatRule.formula": "1.6",
  "ConditionalRangeFormat.fill": "1.6",
  "ConditionalRangeFormat.font": "1.6",
  "ConditionalRangeFill.color": "1.6",
  "ConditionalRangeFont.color": "1.6",
  "ChartCollection.add": "1.1",
  "Chart.name": "1.1",
  "Chart.chartType": "1.7",
  "Chart.series": "1.1",
  "ChartSeriesCollection.items": "1.1",
  "ChartSeriesCollection.getItemAt": "1.1",
  "ChartSeries.name": "1.1",
  "ChartSeries.getDimensionDataSourceString": "1.15",
  "ChartSeries.getDimensionValues": "1.12",
  "Workbook.names": "1.1",
  "NamedItem.name": "1.1",
  "NamedItem.formula": "1.7",
  "NamedItem.type": "1.1",
  "Chart.title": "1.1",
  "Chart.axes": "1.1",
  "Chart.legend": "1.1",
  "Chart.setPosition": "1.1",
  "Chart.delete": "1.1",
  "ChartTitle.text": "1.1",
  "ChartAxes.valueAxis": "1.1",
  "ChartAxis.minimum": "1.1",
  "ChartAxis.maximum": "1.1",
  "ChartLegend.position": "1.1",
  "TableCollection.add": "1.1",
  "Table.name": "1.1",
  "Table.delete": "1.1",
  "Table.style": "1.1",
  "SettingCollection.add": "1.4",
  "SettingCollection.getItemOrNullObject": "1.4",
  "Setting.value": "1.4",
  "Setting.delete": "1.4",
  "RangeFormat.autofitRows": "1.2",
  "Chart.width": "1.1",
  "Chart.height": "1.1",
  "Worksheet.pageLayout": "1.9",
  "PageLayout.orientation": "1.9",
  "PageLayout.zoom": "1.9",
  "PageLayout.setPrintTitleRows": "1.9",
  "PageLayout.headersFooters": "1.9",
  "HeaderFooterGroup.defaultForAllPages": "1.9",
  "HeaderFooter.centerHeader": "1.9",
};

/**
 * Functions in src/excel that use members above MIN_EXCEL_API. Each calls `supportsExcelApi(version)` before
 * queueing such a member; the api-sets test checks that every above-minimum use sits inside one of them.
 */
export const GUARDED: Readonly<Record<string, string>> = {
  queueMergedAreas: "1.13",
  readMergesApart: "1.13",
  selectionAreaCount: "1.9",
  fromThisAddin: "1.14",
  probeMerged: "1.13",
  probeValidation: "1.8",
  selectedAreas: "1.9",
  triggerOf: "1.14",
  queueValidations: "1.8",
  queueDropdowns: "1.8",
  removeDropdowns: "1.8",
  queueChartSeries: "1.15",
  probeSeriesValues: "1.12",
  probeSeriesSources: "1.15",
  queuePrintLayout: "1.9",
  probePageLayout: "1.9",
};

function parts(v: string): number[] {
  return v.split(".").map((p) => Number(p));
}

/** a <= b for dotted versions. */
export function versionAtMost(a: string, b: string): boolean {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return true;
}

interface RequirementsLike {
  isSetSupported(name: string, minVersion?: string): boolean;
}

/** True when the running Excel supports ExcelApi `version` (false outside Office). */
export function supportsExcelApi(version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: RequirementsLike } } }).Office;
  const req = office?.context?.requirements;
  if (!req || typeof req.isSetSupported !== "function") return false;
  try {
    return req.isSetSupported("ExcelApi", version);
  } catch {
    return false;
  }
}
