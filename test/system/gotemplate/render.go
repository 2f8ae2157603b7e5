// A tiny Go text/template renderer for staplint's template differential
// (test/system/template_differential.py --engine go, issue 17). Only Go's
// standard library: it is built at test time with Debian's golang-go, offline.
//
//	render TEMPLATE DATA.json MODE
//
// DATA.json is {"kind": "helm"|"docker-gen", "root": {...}}. A string value
// "\u0000free" is a variable the test assigns: in MODE "true" it is the text
// 443 (or "# snippet" where the test says "\u0000free-snippet"), in MODE
// "false" a value that prints 443 but fails {{ if }}. The functions are the
// few the samples call, as Helm (sprig) and docker-gen define them; exists
// answers MODE, since the files it asks about are the server's, not ours.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"text/template"
)

// falsy prints as 443 and is false in {{ if }}: the "false" assignment.
type falsy int

func (falsy) String() string { return "443" }

// dockerContext is docker-gen's root: the containers, with a Docker method.
type dockerContext []interface{}

var dockerInfo interface{}

func (dockerContext) Docker() interface{} { return dockerInfo }

func assign(v interface{}, mode string) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		for k, e := range x {
			x[k] = assign(e, mode)
		}
	case []interface{}:
		for i, e := range x {
			x[i] = assign(e, mode)
		}
	case string:
		if x == "\x00free" || x == "\x00free-snippet" {
			if mode == "false" {
				return falsy(0)
			}
			if x == "\x00free-snippet" {
				return "# snippet"
			}
			return "443"
		}
	}
	return v
}

func truth(v interface{}) bool {
	if v == nil {
		return false
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.String, reflect.Slice, reflect.Map, reflect.Array:
		return r.Len() > 0
	case reflect.Bool:
		return r.Bool()
	case reflect.Int, reflect.Int64:
		return r.Int() != 0
	case reflect.Float64:
		return r.Float() != 0
	}
	return true
}

// deep reads a dotted key ("Env.VIRTUAL_HOST") out of nested maps.
func deep(v interface{}, key string) interface{} {
	for _, k := range strings.Split(key, ".") {
		m, ok := v.(map[string]interface{})
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: render TEMPLATE DATA.json MODE")
		os.Exit(2)
	}
	text, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	raw, err := os.ReadFile(os.Args[2])
	if err != nil {
		panic(err)
	}
	mode := os.Args[3]
	var data struct {
		Kind string                 `json:"kind"`
		Root map[string]interface{} `json:"root"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		panic(err)
	}
	root := assign(data.Root, mode).(map[string]interface{})
	var dot interface{} = root
	if data.Kind == "docker-gen" {
		dockerInfo = root["Docker"]
		containers, _ := root["Containers"].([]interface{})
		dot = dockerContext(containers)
	}
	var tmpl *template.Template
	funcs := template.FuncMap{
		// sprig, as Helm has it
		"default": func(d interface{}, given ...interface{}) interface{} {
			if len(given) == 0 || !truth(given[0]) {
				return d
			}
			return given[0]
		},
		"quote":  func(v interface{}) string { return fmt.Sprintf("%q", fmt.Sprint(v)) },
		"indent": func(n int, s string) string { p := strings.Repeat(" ", n); return p + strings.ReplaceAll(s, "\n", "\n"+p) },
		"trim":   strings.TrimSpace,
		// Helm's own: a named template the samples do not define renders its name.
		"include": func(name string, _ interface{}) string { return name },
		"tpl": func(s string, v interface{}) (string, error) {
			t, err := tmpl.Clone()
			if err != nil {
				return "", err
			}
			t, err = t.New("tpl").Parse(s)
			if err != nil {
				return "", err
			}
			var b bytes.Buffer
			err = t.Execute(&b, v)
			return b.String(), err
		},
		// docker-gen's
		"exists": func(string) bool { return mode == "true" },
		"first": func(v interface{}) interface{} {
			r := reflect.ValueOf(v)
			if r.Kind() == reflect.Slice && r.Len() > 0 {
				return r.Index(0).Interface()
			}
			return nil
		},
		"where": func(items interface{}, key string, want interface{}) []interface{} {
			var out []interface{}
			r := reflect.ValueOf(items)
			for i := 0; r.Kind() == reflect.Slice && i < r.Len(); i++ {
				if fmt.Sprint(deep(r.Index(i).Interface(), key)) == fmt.Sprint(want) {
					out = append(out, r.Index(i).Interface())
				}
			}
			return out
		},
		"groupByMulti": func(items interface{}, key, sep string) map[string][]interface{} {
			out := map[string][]interface{}{}
			r := reflect.ValueOf(items)
			for i := 0; r.Kind() == reflect.Slice && i < r.Len(); i++ {
				v := deep(r.Index(i).Interface(), key)
				if v == nil {
					continue
				}
				for _, k := range strings.Split(fmt.Sprint(v), sep) {
					out[k] = append(out[k], r.Index(i).Interface())
				}
			}
			return out
		},
	}
	tmpl, err = template.New("t").Funcs(funcs).Option("missingkey=zero").Parse(string(text))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var out bytes.Buffer
	if err := tmpl.Execute(&out, dot); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// As Helm does after rendering with missingkey=zero.
	os.Stdout.WriteString(strings.ReplaceAll(out.String(), "<no value>", ""))
}
