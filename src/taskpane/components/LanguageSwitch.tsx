/** Browser mode: 日本語 / English. The choice is remembered by the shell (local storage), not here. */
import * as React from "react";
import { ToggleButton, makeStyles, tokens } from "@fluentui/react-components";
import { s, type Lang } from "../strings";

const useStyles = makeStyles({
  group: { display: "flex", columnGap: tokens.spacingHorizontalXS, alignSelf: "flex-start" },
});

export interface LanguageSwitchProps {
  lang: Lang;
  onChange: (lang: Lang) => void;
}

export function LanguageSwitch({ lang, onChange }: LanguageSwitchProps): React.ReactElement {
  const styles = useStyles();
  return (
    <div className={styles.group} role="group" aria-label={s(lang, "languageLabel")} data-testid="lang-switch">
      <ToggleButton size="small" checked={lang === "ja"} lang="ja" onClick={() => onChange("ja")}>
        日本語
      </ToggleButton>
      <ToggleButton size="small" checked={lang === "en"} lang="en" onClick={() => onChange("en")}>
        English
      </ToggleButton>
    </div>
  );
}
