package org.openvisit.report.interfaces.web;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetWarmUpTest {

    @Test
    void theWarmUpRunsOncePerServer() {
        SpreadsheetWarmUp warmUp = new SpreadsheetWarmUp();
        List<Runnable> submitted = new ArrayList<>();

        warmUp.once(submitted::add);
        warmUp.once(submitted::add);

        assertThat(submitted).hasSize(1);
    }

    @Test
    void aBusyExecutorLeavesItToTheNextPageView() {
        SpreadsheetWarmUp warmUp = new SpreadsheetWarmUp();
        List<Runnable> submitted = new ArrayList<>();

        warmUp.once(task -> {
            throw new RejectedExecutionException("busy");
        });
        warmUp.once(submitted::add);

        assertThat(submitted).hasSize(1);
    }

    @Test
    void theWarmUpWritesARealWorkbook() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SpreadsheetWarmUp.writeOneWorkbook(out);

        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(read.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("visit");
            assertThat(read.getSheetAt(0).getRow(0).getCell(1).getNumericCellValue()).isEqualTo(1.5);
        }
    }
}
